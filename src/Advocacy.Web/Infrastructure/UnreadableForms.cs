using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Advocacy.Web.Infrastructure;

/// <summary>
/// A form or multipart body that ends early or is not what its content type says makes the framework's reader throw an
/// <see cref="IOException"/>, which would answer 500. Every form is read through this feature, so wherever the first
/// read happens (an endpoint, a webhook, a page's antiforgery check) the failure is an <see cref="InvalidDataException"/>:
/// a 400 (see <see cref="ProblemResponses"/>) before the endpoint does any work.
/// </summary>
public static class UnreadableForms
{
    public static IApplicationBuilder RefuseUnreadableForms(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        if (http.Request.HasFormContentType)
        {
            var options = http.RequestServices.GetService<IOptions<FormOptions>>()?.Value ?? new FormOptions();
            http.Features.Set<IFormFeature>(new GuardedFormFeature(new FormFeature(http.Request, options)));
        }
        return next(http);
    });

    private sealed class GuardedFormFeature(FormFeature inner) : IFormFeature
    {
        public bool HasFormContentType => inner.HasFormContentType;

        public IFormCollection? Form
        {
            get => inner.Form;
            set => inner.Form = value;
        }

        public IFormCollection ReadForm()
        {
            try { return inner.ReadForm(); }
            catch (Exception e) when (IsUnreadable(e)) { throw Unreadable(e); }
        }

        public async Task<IFormCollection> ReadFormAsync(CancellationToken cancellationToken)
        {
            try { return await inner.ReadFormAsync(cancellationToken); }
            catch (Exception e) when (IsUnreadable(e)) { throw Unreadable(e); }
        }

        // A body over the size limit stays Kestrel's 413 (BadHttpRequestException is an IOException).
        private static bool IsUnreadable(Exception e) => e is (IOException or InvalidDataException) and not BadHttpRequestException;

        // The framework's own kind of form error, so what already expects one (antiforgery, ProblemResponses) handles it.
        private static InvalidDataException Unreadable(Exception e) => e as InvalidDataException
            ?? new InvalidDataException("the body ended before the form did (cut off, or not the multipart/form-data it says it is)", e);
    }
}
