using System.Text;
using Advocacy.Tests.Security;

namespace Advocacy.Tests.Security;

/// <summary>
/// docs/authorization.md is the contract: each endpoint × anonymous and each role. Every cell is called against the
/// running app, and an endpoint the app maps without a row (or a row for one it no longer maps) fails.
/// </summary>
public class every_endpoint_answers_each_role_as_the_matrix_says(AppFixture app) : AppTest(app)
{
    [Fact]
    public void the_matrix_lists_every_endpoint_the_app_maps()
    {
        var mapped = AuthorizationMatrix.MappedEndpoints(Host);
        var listed = AuthorizationMatrix.Read().Select(r => r.Key).ToHashSet();
        mapped.Except(listed).ShouldBeEmpty("endpoints with no row in docs/authorization.md");
        listed.Except(mapped).ShouldBeEmpty("rows in docs/authorization.md for endpoints the app does not map");
    }

    [Fact]
    public async Task every_cell_holds()
    {
        var rows = AuthorizationMatrix.Read();
        var printing = Environment.GetEnvironmentVariable("ADVOCACY_PRINT_AUTH_MATRIX") == "1";
        // Printing drafts rows for unlisted endpoints too, to review before they go into the table.
        if (printing) rows.AddRange(AuthorizationMatrix.MappedEndpoints(Host).Except(rows.Select(r => r.Key)).Select(AuthorizationMatrix.Draft));
        rows.Count.ShouldBeGreaterThan(50);
        var credentials = new Dictionary<string, Dictionary<string, (string Header, string Value)?>>
        {
            ["key"] = await AuthorizationMatrix.CredentialsAsync(Host, "key"),
            ["cookie"] = await AuthorizationMatrix.CredentialsAsync(Host, "cookie"),
            ["none"] = await AuthorizationMatrix.CredentialsAsync(Host, "key"),
        };
        var client = Host.Server.CreateClient();
        var wrong = new List<string>();
        var observed = new StringBuilder();
        foreach (var row in rows)
        {
            var outcomes = new List<string>();
            foreach (var (caller, i) in AuthorizationMatrix.Callers.Select((c, i) => (c, i)))
            {
                using var request = new HttpRequestMessage(AuthorizationMatrix.MethodFor(row.Method), AuthorizationMatrix.SampleUrl(row.Route));
                if (request.Method != HttpMethod.Get && request.Method != HttpMethod.Head)
                    request.Content = new StringContent("", Encoding.UTF8, "application/json");
                if (row.Credentials != "none" && credentials[row.Credentials][caller] is var (header, value))
                    request.Headers.TryAddWithoutValidation(header, value);
                using var response = await client.SendAsync(request);
                var outcome = AuthorizationMatrix.Outcome(response);
                outcomes.Add(outcome);
                if (outcome != row.Outcomes[i]) wrong.Add($"{row.Key} as {caller}: expected {row.Outcomes[i]}, got {outcome} ({(int)response.StatusCode})");
            }
            observed.AppendLine($"| {row.Method} | `{row.Route}` | {row.Credentials} | {string.Join(" | ", outcomes)} |");
        }
        if (printing) await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), "authorization-observed.md"), observed.ToString());
        wrong.ShouldBeEmpty();
    }
}
