using Advocacy.Domain.Advocates;
using Advocacy.Domain.Common;
using Advocacy.Domain.Messaging;
using Marten;
using Wolverine;

namespace Advocacy.Domain.Forms;

/// <summary>Where links in our emails point, and how long a double opt-in request stays open before another email may go.</summary>
public record FormSettings(Uri PublicBase, TimeSpan ConfirmationResendWindow, TimeSpan ConfirmationLinkLifetime, TimeSpan DownloadLinkLifetime);

/// <summary>A valid submission of a public form (the endpoint has checked it with <see cref="FormRules"/>).</summary>
public record SubmitForm(Guid FormId, FormAnswers Answers, string Language, string? PageUrl, string? IpHash);

/// <summary>
/// Creates or updates the contact (matched by email, then phone), records each consent with the wording shown and
/// where it was given, tags the contact, and for email consent starts the double opt-in. A public form never
/// overwrites what a contact record already holds (anyone can type anyone's email): it only fills in what is missing.
/// </summary>
public static class SubmitFormHandler
{
    public static async Task<(Outcome, OutgoingMessages)> Handle(
        SubmitForm cmd, IDocumentSession session, TimeProvider clock, MessagingSettings messaging, FormSettings settings, LinkSigner signer)
    {
        var form = await session.LoadAsync<PublicForm>(cmd.FormId);
        if (form is null) return (Outcome.NotFound("Form", cmd.FormId), []);
        var a = cmd.Answers;
        if (FormRules.Validate(form, a, cmd.Language).FirstOrDefault() is { Key: { } field, Value: { } message })
            return (Outcome.Invalid(form.Id, field, message), []);

        var now = clock.GetUtcNow();
        var by = $"form:{form.Slug}";
        var (_, text) = form.TextIn(cmd.Language);
        var email = a.CleanEmail;
        var phone = a.PhoneE164;
        var existing = await FindAsync(session, email, phone);
        // A phone someone else already holds is not taken over by a public form.
        if (phone is not null && existing?.Phone != phone && await session.LoadAsync<PhoneClaim>(phone) is not null) phone = null;

        var events = new List<object>();
        AdvocateEnrolled? newContact = null;
        Advocate advocate;
        if (existing is null)
        {
            var country = a.Country is { } c ? Countries.Normalise(c) : phone is null ? "" : PhoneRegions.CountryOf(phone) ?? "";
            var enrolled = new AdvocateEnrolled(Guid.CreateVersion7(), a.Name ?? email ?? phone ?? "", phone ?? "", email, country,
                Languages.Normalise(a.Language ?? cmd.Language), AdvocateRules.Clean(a.Organisation), [], false, null, by, now,
                EmailConsent: false);
            advocate = Advocate.Create(enrolled);
            newContact = enrolled;
            if (phone is not null) session.Insert(new PhoneClaim(phone, enrolled.AdvocateId));
        }
        else
        {
            advocate = existing;
            var fill = new ContactDetailsChanged(advocate.Id, advocate.Name, advocate.HasPhone ? advocate.Phone : phone ?? "",
                advocate.Email ?? email, advocate.Country is { Length: > 0 } ? advocate.Country : a.Country?.ToUpperInvariant() ?? "",
                advocate.Association ?? AdvocateRules.Clean(a.Organisation), by, now);
            if (fill != new ContactDetailsChanged(advocate.Id, advocate.Name, advocate.Phone, advocate.Email, advocate.Country, advocate.Association, by, now))
            {
                events.Add(fill);
                if (!advocate.HasPhone && fill.Phone.Length > 0) session.Insert(new PhoneClaim(fill.Phone, advocate.Id));
                advocate = advocate.Apply(fill);
            }
        }

        foreach (var tag in form.Definition.Tags.Concat(a.Role is { } r ? [$"role:{r}"] : []).Where(t => !advocate.Tags.Contains(t)))
            events.Add(new AdvocateTagged(advocate.Id, tag, by, now));
        events.Add(new FormSubmitted(advocate.Id, form.Id, form.Slug, a.Role, AdvocateRules.Clean(a.Organisation), cmd.PageUrl, cmd.IpHash, now));

        var evidence = new ConsentEvidence(null, null, null, cmd.Language, null, form.Slug, form.Id, cmd.PageUrl, cmd.IpHash);
        // SMS consent is recorded at once (an opt-out stays: only START by SMS reverses it); email waits for the confirmation link.
        if (a.ConsentSms && advocate.HasPhone && advocate.SmsConsent.Status == ConsentStatus.Unknown)
            events.Add(new ConsentGiven(advocate.Id, Channel.Sms, by, by, now, evidence with { Wording = text.ConsentSms }));

        var outgoing = new OutgoingMessages();
        if (a.ConsentEmail && email is not null && advocate.Email == email && NeedsConfirmation(advocate, form, now, settings))
        {
            var request = new EmailConfirmationRequested(advocate.Id, email, form.Id, form.Definition.NewsletterIds, by,
                evidence with { Wording = text.ConsentEmail }, now);
            events.Add(request);
            var token = await signer.SignAsync(ConfirmationPurpose, $"{advocate.Id:N}:{email}:{now.ToUnixTimeSeconds()}", now + settings.ConfirmationLinkLifetime);
            var link = new Uri(PublicAddress.Join(settings.PublicBase, $"/subscriptions/confirm/{token}"));
            var (subject, body) = ConfirmationEmail.Render(cmd.Language, text.Title, link.ToString());
            var delivery = SendMessageHandler.Queue(advocate with { Language = cmd.Language }, Channel.Email, body, subject,
                DeliveryKinds.Confirmation, $"confirm:{advocate.Id}:{now.ToUnixTimeMilliseconds()}", by, now, messaging.QuietHours);
            session.Insert(delivery);
            outgoing.Add(new DeliveryQueued(delivery.Id, delivery.NotBefore));
        }

        if (newContact is not null) session.Events.StartStream<Advocate>(advocate.Id, [newContact, .. events]);
        else session.Events.Append(advocate.Id, events.ToArray());
        return (Outcome.Done(advocate.Id), outgoing);
    }

    public const string ConfirmationPurpose = "confirm-email";

    /// <summary>A confirmed address already on every newsletter of the form needs nothing; a request still open gets no second email.</summary>
    private static bool NeedsConfirmation(Advocate advocate, PublicForm form, DateTimeOffset now, FormSettings settings)
    {
        var confirmed = advocate.Email == advocate.ConfirmedEmail && advocate.EmailConsent.Status == ConsentStatus.Given
            && form.Definition.NewsletterIds.All(advocate.Newsletters.Contains);
        if (confirmed) return false;
        return advocate.PendingConfirmation is not { } pending || pending.Email != advocate.Email
            || now - pending.RequestedAt >= settings.ConfirmationResendWindow;
    }

    private static async Task<Advocate?> FindAsync(IDocumentSession session, string? email, string? phone)
    {
        if (email is not null)
        {
            var byEmail = await session.Query<Advocate>().Where(x => x.Email == email && x.Status == AdvocateStatus.Active)
                .OrderBy(x => x.EnrolledAt).FirstOrDefaultAsync();
            if (byEmail is not null) return byEmail;
        }
        if (phone is not null && await session.LoadAsync<PhoneClaim>(phone) is { } claim)
            return await session.LoadAsync<Advocate>(claim.AdvocateId) is { Status: AdvocateStatus.Active } byPhone ? byPhone : null;
        return null;
    }
}

public static class ConfirmationEmail
{
    public static (string Subject, string Body) Render(string language, string formTitle, string link) => language switch
    {
        "fr" => ("Confirmez votre adresse e-mail",
            $"Bonjour,\n\nMerci pour votre inscription (« {formTitle} »). Pour recevoir nos messages, confirmez votre adresse en ouvrant ce lien :\n\n{link}\n\nSi vous n'êtes pas à l'origine de cette demande, ignorez ce message : vous ne recevrez rien d'autre."),
        "pt" => ("Confirme o seu endereço de e-mail",
            $"Olá,\n\nObrigado pela sua inscrição («{formTitle}»). Para receber as nossas mensagens, confirme o seu endereço abrindo esta ligação:\n\n{link}\n\nSe não fez este pedido, ignore esta mensagem: não receberá mais nada."),
        _ => ("Please confirm your email address",
            $"Hello,\n\nThank you for signing up (\"{formTitle}\"). To receive our updates, confirm your address by opening this link:\n\n{link}\n\nIf you did not ask for this, ignore this email: you will get nothing else from us."),
    };
}
