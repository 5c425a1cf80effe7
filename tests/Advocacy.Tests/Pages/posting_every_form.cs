using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;

namespace Advocacy.Tests.Pages;

/// <summary>
/// Every Razor page with a POST handler, found in the app's own endpoints, posted by the Admin empty and with 100,000
/// characters in every field it binds: a form answers with a page (or a redirect, a 4xx), never a server error.
/// </summary>
public class posting_every_form(AppFixture app) : AppTest(app)
{
    private static readonly string Oversized = new('x', 100_000);

    [Fact]
    public async Task every_page_handler_posted_empty_or_oversized_answers_without_a_server_error()
    {
        var records = await RecordsAsync();
        var handlers = PageHandlers().ToList();
        handlers.Select(h => h.Template).ShouldContain("campaigns"); // the discovery found the forms
        handlers.Count.ShouldBeGreaterThan(20);
        var antiforgery = await Host.AntiforgeryFor();

        var failures = new List<string>();
        foreach (var (template, model, handler) in handlers)
        {
            var url = "/" + Regex.Replace(template, @"\{(\w+)(:[^}]*)?\}", m => records.ValueFor(template, m.Groups[1].Value))
                + (handler.Length > 0 ? $"?handler={handler}" : "");
            foreach (var (kind, fields) in new[] { ("empty", new Dictionary<string, string>()), ("oversized", FieldsOf(model, handler, template)) })
            {
                var answer = await Host.PostForm(url, antiforgery, fields);
                var status = answer.Context.Response.StatusCode;
                if (status >= 500)
                {
                    var text = await answer.ReadAsTextAsync();
                    failures.Add($"{kind} POST {url} answered {status}: {text[..Math.Min(300, text.Length)]}");
                }
            }
        }
        failures.ShouldBeEmpty();
    }

    /// <summary>The route template, page model and handler name of every POST handler of every page.</summary>
    private IEnumerable<(string Template, Type Model, string Handler)> PageHandlers()
    {
        var pages = Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.Metadata.GetMetadata<PageActionDescriptor>())
            .OfType<PageActionDescriptor>()
            .DistinctBy(p => p.ViewEnginePath);
        foreach (var page in pages)
        {
            // Pages/Campaigns/Index.cshtml is Advocacy.Web.Pages.Campaigns.IndexModel.
            var model = typeof(Program).Assembly.GetType($"Advocacy.Web.Pages{page.ViewEnginePath.Replace('/', '.')}Model");
            if (model is null) continue;
            foreach (var method in model.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                if (Regex.Match(method.Name, "^OnPost(\\w*?)(Async)?$") is { Success: true } m)
                    yield return (page.AttributeRouteInfo!.Template!, model, m.Groups[1].Value);
        }
    }

    /// <summary>Every name the handler binds (the page's bound properties and its parameters), each given 100,000 characters.</summary>
    private static Dictionary<string, string> FieldsOf(Type model, string handler, string template)
    {
        var names = new List<string>();
        foreach (var property in model.GetProperties())
            if (property.GetCustomAttribute<BindPropertyAttribute>() is { } bind)
                names.Add(typeof(IDictionary).IsAssignableFrom(property.PropertyType) ? $"{bind.Name ?? property.Name}[en]" : bind.Name ?? property.Name);
        var method = model.GetMethods().First(m => Regex.IsMatch(m.Name, $"^OnPost{handler}(Async)?$"));
        names.AddRange(method.GetParameters().Where(p => p.ParameterType != typeof(CancellationToken) && !template.Contains($"{{{p.Name}"))
            .Select(p => p.Name!));
        return names.Distinct().ToDictionary(n => n, _ => Oversized);
    }

    private async Task<Records> RecordsAsync()
    {
        var campaign = await Host.ActiveCampaign();
        var alert = await Host.DraftedAlert(campaign);
        var advocate = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE");
        var duplicate = await Host.EnrolledAdvocate("Wanjiru M.", "0712 345679", "KE");
        var training = await Host.ScheduledTraining();
        var coalition = await Host.FormedCoalition();
        return new(campaign, alert, advocate.Id, duplicate.Id, training.Id, coalition.Id);
    }

    private sealed record Records(Guid Campaign, Guid Alert, Guid Advocate, Guid Duplicate, Guid Training, Guid Coalition)
    {
        /// <summary>A record that exists for a route value, so the handler runs instead of answering 404.</summary>
        public string ValueFor(string template, string parameter) => parameter switch
        {
            "duplicateId" => Duplicate.ToString(),
            "country" => "KE",
            _ => template.Split('/')[0] switch
            {
                "campaigns" => Campaign.ToString(),
                "alerts" => Alert.ToString(),
                "advocates" when template.StartsWith("advocates/import") => Guid.NewGuid().ToString(),
                "advocates" => Advocate.ToString(),
                "trainings" => Training.ToString(),
                "coalitions" => Coalition.ToString(),
                _ => Guid.NewGuid().ToString(),
            },
        };
    }
}
