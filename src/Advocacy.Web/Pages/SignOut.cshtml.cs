using Advocacy.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Advocacy.Web.Pages;

// Signing out is a POST (with its antiforgery token), so a link on another site cannot sign anyone out.
[AllowAnonymous]
public class SignOutModel : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(WebAuthentication.CookieScheme);
        return RedirectToPage("/SignIn");
    }
}
