using System.ComponentModel.DataAnnotations;
using Advocacy.Web.Auth;
using Advocacy.Web.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Advocacy.Web.Pages;

public class SignInModel(IDocumentSession session, TimeProvider clock, LockoutOptions lockout, SignInEmailLimiter perEmail) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter your email."), Display(Name = "Email")]
    public string Email { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Enter your password."), DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();

        var now = clock.GetUtcNow();
        var email = Auth.User.NormaliseEmail(Email);
        if (perEmail.TryAttempt(email) is { } wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            Response.Headers.RetryAfter = seconds.ToString();
            ModelState.AddModelError("", $"Too many sign-in attempts for this email. Try again in {seconds} seconds.");
            return new PageResult { StatusCode = StatusCodes.Status429TooManyRequests };
        }
        var user = await session.Query<Auth.User>().FirstOrDefaultAsync(u => u.Email == email, ct);
        var (result, updated) = SignInAttempt.Decide(user, Password, now, lockout);
        if (updated is not null)
        {
            session.Store(updated);
            await session.SaveChangesAsync(ct);
        }

        switch (result)
        {
            case SignInOutcome.SignedIn:
                await HttpContext.SignInAsync(WebAuthentication.CookieScheme, WebAuthentication.PrincipalOf(updated!));
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
            case SignInOutcome.Locked:
                ModelState.AddModelError("", $"This account is locked after {lockout.MaxFailedAttempts} failed sign-ins. Try again in {lockout.LockoutMinutes} minutes.");
                return Page();
            default:
                ModelState.AddModelError("", "Wrong email or password.");
                return Page();
        }
    }
}
