using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Advocacy.Domain.Forms;
using Advocacy.Domain.Imports;
using Advocacy.Domain.Messaging;
using Advocacy.Jobs.Messaging;
using Advocacy.Tests.Fakes;
using Advocacy.Web.Webhooks;
using Marten;

namespace Advocacy.Tests.Security;

/// <summary>
/// A multipart body cut off mid-file (a dropped connection, a lying client) is a 400 saying the body could not be
/// read, before any work: no upload kept, no import queued, no SMS recorded. An unsigned webhook is refused (403)
/// before its body is read at all.
/// </summary>
public class unreadable_bodies_are_refused(MessagingFixture fixture) : MessagingTest(fixture)
{
    private const string Boundary = "----AdvocacyTruncated";

    private static readonly string Truncated =
        $"--{Boundary}\r\nContent-Disposition: form-data; name=\"MessageSid\"\r\n\r\nSM0123456789abcdef0123456789abcdef\r\n"
        + $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"advocates.csv\"\r\nContent-Type: text/csv\r\n\r\n"
        + "name,phone,country\r\nAya Kouamé,+22507071";

    [Theory]
    [InlineData("/api/imports/advocates")]
    [InlineData("/api/files")]
    [InlineData(PublicUrls.InboundSmsPath)]
    [InlineData(PublicUrls.StatusCallbackPath)]
    public async Task a_truncated_multipart_body_is_a_400_and_changes_nothing(string route)
    {
        using var response = await Send(route, Encoding.UTF8.GetBytes(Truncated), signed: true);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("could not be read");
        await NothingStored();
    }

    [Theory]
    [InlineData(PublicUrls.InboundSmsPath)]
    [InlineData(PublicUrls.StatusCallbackPath)]
    public async Task an_unsigned_webhook_is_refused_before_its_body_is_read(string route)
    {
        using var response = await Send(route, Encoding.UTF8.GetBytes(Truncated), signed: false);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await NothingStored();
    }

    private async Task<HttpResponseMessage> Send(string route, byte[] body, bool signed)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Boundary}");
        if (route.StartsWith("/api/")) request.Headers.Authorization = new("Bearer", HostFixture.AdminKey);
        else if (signed)
            request.Headers.TryAddWithoutValidation(TwilioWebhooks.SignatureHeader, FakeTwilioServer.Sign(MessagingFixture.PublicBaseUrl + route, []));
        return await Host.Server.CreateClient().SendAsync(request);
    }

    private async Task NothingStored()
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        (await session.Query<PendingImport>().CountAsync()).ShouldBe(0);
        (await session.Query<AdvocateImport>().CountAsync()).ShouldBe(0);
        (await session.Query<StoredFile>().CountAsync()).ShouldBe(0);
        (await session.Query<InboundMessage>().CountAsync()).ShouldBe(0);
    }
}
