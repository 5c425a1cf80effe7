using Advocacy.Domain.Messaging;
using Advocacy.Web.Auth;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Advocacy.Web.Messaging;

public record CountSegments(string Text)
{
    public class Validator : AbstractValidator<CountSegments>
    {
        public Validator() => RuleFor(x => x.Text).NotNull().MaximumLength(SendMessage.MaxSmsLength * 2);
    }
}

public record SegmentCount(string Encoding, int Units, int Segments);

public static class SmsSegmentsEndpoint
{
    /// <summary>The live counter under a message being written: encoding, units and segments as carriers count them.</summary>
    [WolverinePost("/api/sms/segments"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> Post(CountSegments request, IValidator<CountSegments> validator)
    {
        await validator.ValidateAndThrowAsync(request);
        var size = SmsSegments.Measure(request.Text);
        return Results.Ok(new SegmentCount(size.EncodingName, size.Units, size.Segments));
    }
}
