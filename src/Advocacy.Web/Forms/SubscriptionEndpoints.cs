using Advocacy.Domain.Advocates;
using Advocacy.Domain.Common;
using Advocacy.Domain.Forms;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;

namespace Advocacy.Web.Forms;

/// <summary>The link in the double opt-in email: confirms the address (and the newsletters the form subscribed it to).</summary>
public static class SubscriptionEndpoints
{
    [WolverineGet("/subscriptions/confirm/{token}"), AllowAnonymous]
    public static async Task<IResult> Confirm(string token, IQuerySession session, IMessageBus bus, LinkSigner signer, TimeProvider clock, CancellationToken ct)
    {
        var verified = await signer.VerifyAsync(SubmitFormHandler.ConfirmationPurpose, token, clock.GetUtcNow(), ct);
        if (verified.State == TokenState.Expired)
            return PublicFormEndpoints.Html(FormPage.Message("en", "This link has expired",
                "Confirmation links work for seven days. Fill in the form again and we will send a new one."), 410);
        var parts = verified.Payload?.Split(':');
        if (verified.State != TokenState.Valid || parts is not { Length: 3 } || !Guid.TryParseExact(parts[0], "N", out var advocateId))
            return PublicFormEndpoints.Html(FormPage.Message("en", "Link not recognised", "This confirmation link is not valid."), 404);

        var outcome = await bus.InvokeAsync<Outcome>(new ConfirmEmail(advocateId, parts[1]), ct);
        var language = (await session.LoadAsync<Advocate>(advocateId, ct))?.Language ?? "en";
        if (!outcome.Succeeded)
            return PublicFormEndpoints.Html(FormPage.Message(language, "Link not recognised", outcome.Problem!.Detail ?? ""), outcome.Problem.Status ?? 404);
        return PublicFormEndpoints.Html(language switch
        {
            "fr" => FormPage.Message("fr", "Adresse confirmée", "Merci ! Vous recevrez désormais nos messages. Chaque e-mail contient un lien pour vous désabonner."),
            "pt" => FormPage.Message("pt", "Endereço confirmado", "Obrigado! A partir de agora receberá as nossas mensagens. Cada e-mail tem uma ligação para cancelar a subscrição."),
            _ => FormPage.Message("en", "Address confirmed", "Thank you! You will now receive our updates. Every email has a link to unsubscribe."),
        });
    }
}
