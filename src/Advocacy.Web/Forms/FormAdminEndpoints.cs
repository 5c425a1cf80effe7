using System.Net;
using System.Security.Claims;
using Advocacy.Domain.Common;
using Advocacy.Domain.Forms;
using Advocacy.Web.Auth;
using Advocacy.Web.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Advocacy.Web.Forms;

public record FormEmbed(string Url, string Iframe, string Html);

public record FormView(
    Guid Id, string Slug, Dictionary<string, FormText> Texts, string[] Fields, string[] Required, string[] Tags,
    Guid[] NewsletterIds, Guid? FileId, long Version, DateTimeOffset DefinedAt, DateTimeOffset UpdatedAt, FormEmbed Embed)
{
    public static FormView Of(PublicForm f, Uri publicBase)
    {
        var d = f.Definition;
        var url = PublicAddress.Join(publicBase, $"/forms/{f.Slug}");
        var iframe = $"<iframe src=\"{url}?embed=1\" title=\"{WebUtility.HtmlEncode(f.TextIn("en").Text.Title)}\" " +
                     "style=\"width:100%;min-height:640px;border:0\" loading=\"lazy\"></iframe>";
        var inputs = string.Join("\n", d.Fields.Select(field => field is FormFields.ConsentEmail or FormFields.ConsentSms
            ? $"  <label><input type=\"checkbox\" name=\"{field}\" value=\"on\"> {WebUtility.HtmlEncode(field == FormFields.ConsentEmail ? f.TextIn("en").Text.ConsentEmail : f.TextIn("en").Text.ConsentSms)}</label>"
            : $"  <label>{field} <input name=\"{field}\"{(d.Required.Contains(field) ? " required" : "")}></label>"));
        var html = $"<form method=\"post\" action=\"{url}\">\n{inputs}\n  <input type=\"hidden\" name=\"page\" value=\"\">\n" +
                   $"  <div style=\"position:absolute;left:-10000px\" aria-hidden=\"true\"><input name=\"{FormPage.Honeypot}\" tabindex=\"-1\" autocomplete=\"off\"></div>\n" +
                   "  <button type=\"submit\">Send</button>\n</form>";
        return new(f.Id, f.Slug, d.Texts, d.Fields, d.Required, d.Tags, d.NewsletterIds, d.FileId, f.Version, f.DefinedAt, f.UpdatedAt,
            new FormEmbed(url, iframe, html));
    }
}

/// <summary>Admins define the public forms: fields from a fixed set, texts per language, tags, newsletters, a gated file.</summary>
public static class FormAdminEndpoints
{
    [WolverinePost("/api/forms"), Authorize(Policy = Policies.Admin)]
    [ProducesResponseType<FormView>(201), ProducesResponseType(400), ProducesResponseType(409)]
    public static async Task<IResult> Post(DefineForm command, ClaimsPrincipal user, IMessageBus bus, IQuerySession session, FormSettings settings)
    {
        var outcome = await bus.InvokeAsync<Outcome>(command with { By = user.ToActor() });
        return await outcome.ToResult(async () =>
            Results.Created($"/api/forms/{outcome.Id}", FormView.Of((await session.LoadAsync<PublicForm>(outcome.Id))!, settings.PublicBase)));
    }

    [WolverinePut("/api/forms/{id}"), Authorize(Policy = Policies.Admin)]
    public static async Task<IResult> Put(Guid id, DefineForm command, ClaimsPrincipal user, IMessageBus bus, IQuerySession session, FormSettings settings)
    {
        var outcome = await bus.InvokeAsync<Outcome>(command with { FormId = id, By = user.ToActor() });
        return await outcome.ToResult(async () => Results.Ok(FormView.Of((await session.LoadAsync<PublicForm>(id))!, settings.PublicBase)));
    }

    [WolverineGet("/api/forms"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> List(IQuerySession session, FormSettings settings, CancellationToken ct) =>
        Results.Ok((await session.Query<PublicForm>().OrderBy(f => f.Slug).ToListAsync(ct)).Select(f => FormView.Of(f, settings.PublicBase)));

    [WolverineGet("/api/forms/{id}"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, FormSettings settings, CancellationToken ct) =>
        await session.LoadAsync<PublicForm>(id, ct) is { } form
            ? Results.Ok(FormView.Of(form, settings.PublicBase))
            : Results.Problem(Outcome.NotFound("Form", id).Problem!);
}
