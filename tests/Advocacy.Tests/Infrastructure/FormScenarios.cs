using System.Net;
using System.Text.RegularExpressions;
using Advocacy.Domain.Advocates;
using Advocacy.Tests.Fakes;
using Advocacy.Web.Forms;
using Alba;
using Marten;

namespace Advocacy.Tests.Infrastructure;

public static partial class FormScenarios
{
    public static readonly string[] JoinFields = ["name", "email", "phone", "country", "organisation", "role", "language", "consentEmail", "consentSms"];

    public const string EmailWording = "Yes, email me news and research from the CHW advocacy network. I can unsubscribe at any time.";
    public const string SmsWording = "Yes, send me SMS calls to action. Reply STOP to stop.";

    public static object JoinForm(string slug = "join", string[]? tags = null, Guid[]? newsletterIds = null, Guid? fileId = null,
        string[]? required = null) => new
    {
        slug,
        texts = new Dictionary<string, object>
        {
            ["en"] = new { title = "Join us", intro = "Professional CHWs: salaried, skilled, supervised, supplied.", thankYou = "Thank you for joining!",
                consentEmail = EmailWording, consentSms = SmsWording },
            ["fr"] = new { title = "Rejoignez-nous", intro = "Des ASC professionnels.", thankYou = "Merci de nous avoir rejoints !",
                consentEmail = "Oui, envoyez-moi des nouvelles par e-mail.", consentSms = "Oui, envoyez-moi des SMS. Répondez STOP pour arrêter." },
        },
        fields = JoinFields,
        required = required ?? ["name", "email", "country"],
        tags = tags ?? ["report:design-principles"],
        newsletterIds = newsletterIds ?? [],
        fileId,
    };

    public static async Task<FormView> DefinedForm(this IAlbaHost host, object form)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Json(form).ToUrl("/api/forms");
            s.AsAdmin();
            s.StatusCodeShouldBe(201);
        });
        return await result.Read<FormView>();
    }

    private static int _ip;

    /// <summary>A distinct client address per call unless one is given, so the per-IP limit only bites where a test means it to.</summary>
    public static string NextIp() => $"10.{Interlocked.Increment(ref _ip) / 250 % 250}.{_ip % 250}.{Random.Shared.Next(1, 250)}";

    public static Task<IScenarioResult> Submit(this IAlbaHost host, string slug, Dictionary<string, string> fields, int status = 200,
        string? ip = null, string? referer = null, string? lang = null) =>
        host.Scenario(s =>
        {
            var send = s.Post.FormData(fields).ToUrl($"/forms/{slug}");
            if (lang is not null) send.QueryString("lang", lang);
            var address = IPAddress.Parse(ip ?? NextIp());
            s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = address);
            if (referer is not null) s.WithRequestHeader("Referer", referer);
            s.StatusCodeShouldBe(status);
        });

    public static Dictionary<string, string> Answers(string email = "amina@example.org", string? phone = "0712 345 678", string country = "KE",
        bool consentEmail = true, bool consentSms = true, string name = "Amina Njeri", string role = "chw") => new Dictionary<string, string>
    {
        ["name"] = name, ["email"] = email, ["country"] = country, ["organisation"] = "Amref Health Africa", ["role"] = role, ["language"] = "en",
    }.With(phone is null ? [] : [("phone", phone)]).With(consentEmail ? [("consentEmail", "on")] : []).With(consentSms ? [("consentSms", "on")] : []);

    private static Dictionary<string, string> With(this Dictionary<string, string> d, (string, string)[] more)
    {
        foreach (var (k, v) in more) d[k] = v;
        return d;
    }

    public static async Task<Advocate[]> AdvocatesWithEmail(this IAlbaHost host, string email)
    {
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return [.. await session.Query<Advocate>().Where(a => a.Email == email).ToListAsync()];
    }

    public static async Task<int> AdvocateCount(this IAlbaHost host)
    {
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Query<Advocate>().CountAsync();
    }

    public static async Task<IReadOnlyList<ReceivedEmail>> WaitForEmails(this SmtpListener smtp, int count, int seconds = 30)
    {
        await WaitFor.Condition(() => smtp.Messages.Count >= count, TimeSpan.FromSeconds(seconds),
            () => $"expected {count} emails within {seconds}s, got {smtp.Messages.Count}");
        return smtp.Messages;
    }

    [GeneratedRegex(@"https?://[^\s""<>]+/subscriptions/confirm/[A-Za-z0-9_\-\.]+")]
    public static partial Regex ConfirmationLink();

    [GeneratedRegex(@"/downloads/[A-Za-z0-9_\-\.]+")]
    public static partial Regex DownloadLink();
}
