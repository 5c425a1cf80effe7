using Advocacy.Domain.Advocates;
using Advocacy.Domain.Common;
using Marten;

namespace Advocacy.Domain.Forms;

/// <summary>The owner of the address followed the link in the confirmation email (double opt-in).</summary>
public record ConfirmEmail(Guid AdvocateId, string Email);

public static class ConfirmEmailHandler
{
    public static Decision Decide(Advocate advocate, ConfirmEmail cmd, DateTimeOffset now)
    {
        if (advocate.Email != cmd.Email)
            return Decision.Refuse(Outcome.Conflict(advocate.Id, "Address changed", "This link is for an address the contact no longer uses."));
        if (advocate.PendingConfirmation is not { } pending || pending.Email != cmd.Email)
            // Confirmed already (a second click, a mail scanner): nothing to do.
            return advocate.ConfirmedEmail == cmd.Email ? Decision.Nothing
                : Decision.Refuse(Outcome.Conflict(advocate.Id, "Nothing to confirm", "No confirmation is pending for this address."));

        var evidence = pending.Evidence;
        var source = $"{pending.Source} (confirmed)";
        var confirmed = new EmailConfirmed(advocate.Id, cmd.Email, pending.NewsletterIds, now);
        return advocate.EmailConsent.Status switch
        {
            ConsentStatus.Given => Decision.Of(confirmed),
            // The address owner's own click is the explicit opt-in that reverses an earlier unsubscribe.
            ConsentStatus.OptedOut => Decision.Of(confirmed, new OptedIn(advocate.Id, Channel.Email, source, "advocate", now, evidence)),
            _ => Decision.Of(confirmed, new ConsentGiven(advocate.Id, Channel.Email, source, "advocate", now, evidence)),
        };
    }

    public static Task<Outcome> Handle(ConfirmEmail cmd, IDocumentSession session, TimeProvider clock) =>
        AdvocateStream.Change(session, cmd.AdvocateId, null, a => Decide(a, cmd, clock.GetUtcNow()));
}
