using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Advocacy.Web.Pages;

/// <summary>Where the cookie scheme sends a signed-in user whose role falls short; answered as a 403.</summary>
public class DeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
