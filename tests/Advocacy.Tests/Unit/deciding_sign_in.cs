using Advocacy.Web.Auth;

namespace Advocacy.Tests.Unit;

public class deciding_sign_in
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly LockoutOptions Lockout = new(MaxFailedAttempts: 3, LockoutMinutes: 10);
    private static readonly User Ada = User.Create(" Ada@Example.org ", "Ada", Roles.Admin, "s3cret-pass", Now);

    [Fact]
    public void the_right_password_signs_in_and_clears_failures()
    {
        var (result, updated) = SignInAttempt.Decide(Ada with { FailedAttempts = 2 }, "s3cret-pass", Now, Lockout);
        result.ShouldBe(SignInOutcome.SignedIn);
        updated!.FailedAttempts.ShouldBe(0);
        updated.LastSignInAt.ShouldBe(Now);
        Ada.Email.ShouldBe("ada@example.org");
    }

    [Fact]
    public void an_unknown_email_is_the_same_answer_as_a_wrong_password()
    {
        SignInAttempt.Decide(null, "whatever", Now, Lockout).ShouldBe((SignInOutcome.WrongCredentials, (User?)null));
        SignInAttempt.Decide(Ada, "wrong", Now, Lockout).Result.ShouldBe(SignInOutcome.WrongCredentials);
    }

    [Fact]
    public void the_last_allowed_failure_locks_for_the_configured_time()
    {
        var user = Ada;
        for (var i = 0; i < 2; i++) user = SignInAttempt.Decide(user, "wrong", Now, Lockout).Updated!;
        user.FailedAttempts.ShouldBe(2);

        var (result, locked) = SignInAttempt.Decide(user, "wrong", Now, Lockout);
        result.ShouldBe(SignInOutcome.Locked);
        locked!.LockedUntil.ShouldBe(Now.AddMinutes(10));

        // Locked: even the right password is refused, and nothing changes.
        SignInAttempt.Decide(locked, "s3cret-pass", Now.AddMinutes(9), Lockout).ShouldBe((SignInOutcome.Locked, (User?)null));
        SignInAttempt.Decide(locked, "s3cret-pass", Now.AddMinutes(10), Lockout).Result.ShouldBe(SignInOutcome.SignedIn);
    }

    [Fact]
    public void a_new_password_unlocks()
    {
        var locked = Ada with { LockedUntil = Now.AddMinutes(5), FailedAttempts = 1 };
        var reset = locked.WithPassword("another-pass");
        reset.IsLocked(Now).ShouldBeFalse();
        SignInAttempt.Decide(reset, "another-pass", Now, Lockout).Result.ShouldBe(SignInOutcome.SignedIn);
    }
}
