using Microsoft.AspNetCore.Http;

namespace Advocacy.Tests.Fakes;

// One message read back (GET …/Messages/{Sid}.json), its status as the carrier reported it, and the status callback
// Twilio posts to the app about it.
public sealed partial class FakeTwilioServer
{
    /// <summary>Reads of one message (GET …/Messages/{Sid}.json), not of the list.</summary>
    public IReadOnlyList<FakeTwilioRequest> Fetches =>
        [.. _requests.Where(r => r.Method == "GET" && r.Path.Contains("/Messages/", StringComparison.Ordinal))];

    /// <summary>The carrier reported on the message: Twilio now answers this status (and error code) for it.</summary>
    public FakeTwilioMessage SetStatus(string sid, string status, int? errorCode = null)
    {
        lock (_gate)
        {
            var index = _messages.FindIndex(m => m.Sid == sid);
            if (index < 0) throw new ArgumentException($"Twilio holds no message {sid}", nameof(sid));
            return _messages[index] = _messages[index] with { Status = status, ErrorCode = errorCode };
        }
    }

    /// <summary>
    /// Posts the message's status callback to an app listening at <paramref name="app"/>'s address, signed over the
    /// StatusCallback URL the app gave (its public address), as Twilio does.
    /// </summary>
    public static async Task<HttpResponseMessage> PostStatusCallbackAsync(HttpClient app, FakeTwilioMessage message, CancellationToken ct = default)
    {
        var callback = new Uri(message.StatusCallback ?? throw new ArgumentException($"Message {message.Sid} has no StatusCallback"));
        var form = StatusCallbackForm(message, message.Status, message.ErrorCode);
        using var request = new HttpRequestMessage(HttpMethod.Post, callback.PathAndQuery) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", Sign(callback.ToString(), form));
        return await app.SendAsync(request, ct);
    }

    private async Task FetchMessageAsync(HttpContext context)
    {
        Record(context, new Dictionary<string, string>());
        if (await RefuseAccessAsync(context)) return;
        var sid = context.Request.RouteValues["messageSid"] as string;
        var message = Messages.FirstOrDefault(m => m.Sid == sid);
        if (message is null)
        {
            await ErrorAsync(context, 404, 20404, $"The requested resource /2010-04-01/Accounts/{AccountSid}/Messages/{sid}.json was not found");
            return;
        }
        await context.Response.WriteAsJsonAsync(Resource(message), Json, context.RequestAborted);
    }
}
