using Advocacy.Domain.Alerts;
using Wolverine;
using Wolverine.Http;

namespace Advocacy.Web.Alerts;

public static class TrackedLinkEndpoint
{
    /// <summary>An advocate's short link from an alert: records the click as their action, then goes to the page.</summary>
    [WolverineGet("/l/{code}")]
    public static async Task<IResult> Follow(string code, IMessageBus bus)
    {
        var target = await bus.InvokeAsync<LinkTarget>(new RecordLinkClick(code));
        return target.Url is { } url
            ? Results.Redirect(url)
            : Results.Content("<!doctype html><title>Link not found</title><p>This link is not valid.</p>", "text/html", statusCode: 404);
    }
}
