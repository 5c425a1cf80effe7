using Microsoft.AspNetCore.Identity;

namespace Advocacy.Web.Auth;

public enum SignInOutcome { SignedIn, WrongCredentials, Locked }

/// <summary>Decides a sign-in: pure, so the lockout rule is tested without a browser or a database.</summary>
public static class SignInAttempt
{
    // Verified against when the email is unknown, so an unknown email takes as long as a wrong password.
    private static readonly User Nobody = User.Create("nobody@invalid", "nobody", Roles.Viewer, Guid.NewGuid().ToString(), DateTimeOffset.UnixEpoch);

    /// <summary>The outcome and the user as it must be stored (null: nothing to store).</summary>
    public static (SignInOutcome Result, User? Updated) Decide(User? user, string password, DateTimeOffset now, LockoutOptions lockout)
    {
        if (user is null)
        {
            Nobody.Verify(password);
            return (SignInOutcome.WrongCredentials, null);
        }
        // A locked account does not even check the password: guessing gets no signal until the lock ends.
        if (user.IsLocked(now)) return (SignInOutcome.Locked, null);

        var verified = user.Verify(password);
        if (verified == PasswordVerificationResult.Failed)
        {
            var failures = user.FailedAttempts + 1;
            return failures >= lockout.MaxFailedAttempts
                ? (SignInOutcome.Locked, user with { FailedAttempts = 0, LockedUntil = now.AddMinutes(lockout.LockoutMinutes) })
                : (SignInOutcome.WrongCredentials, user with { FailedAttempts = failures });
        }

        var signedIn = verified == PasswordVerificationResult.SuccessRehashNeeded ? user.WithPassword(password) : user;
        return (SignInOutcome.SignedIn, signedIn with { FailedAttempts = 0, LockedUntil = null, LastSignInAt = now });
    }
}
