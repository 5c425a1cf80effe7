using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Advocacy.Web.Pages;

/// <summary>
/// What a person sees for an unknown address or record (see NotFoundPage), whatever the method of the request that led
/// here: a form posted to a record that is gone lands here too.
/// </summary>
[IgnoreAntiforgeryToken]
public class NotFoundModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status404NotFound;

    public void OnPost() => OnGet();
}
