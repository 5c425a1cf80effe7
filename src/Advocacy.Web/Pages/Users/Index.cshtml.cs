using Advocacy.Web.Auth;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Advocacy.Web.Pages.Users;

public record CreateUser(string Email, string Name, string Role, string Password)
{
    public const int MinPasswordLength = 12;

    public class Validator : AbstractValidator<CreateUser>
    {
        public Validator()
        {
            RuleFor(x => x.Email).NotEmpty().MaximumLength(200).EmailAddress().WithMessage("Enter an email address.");
            RuleFor(x => x.Name).NotEmpty().WithMessage("Enter a name.").MaximumLength(100);
            RuleFor(x => x.Role).Must(Roles.IsKnown).WithMessage($"Role is one of {string.Join(", ", Roles.All)}.");
            RuleFor(x => x.Password).MinimumLength(MinPasswordLength).WithMessage($"Use at least {MinPasswordLength} characters.");
        }
    }
}

/// <summary>Admins list the people who sign in and add new ones (an email is taken once).</summary>
public class IndexModel(IDocumentSession session, TimeProvider clock, IValidator<CreateUser> validator) : PageModel
{
    public IReadOnlyList<User> Users { get; private set; } = [];

    [BindProperty] public string Email { get; set; } = "";
    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public string Role { get; set; } = Roles.Viewer;
    [BindProperty] public string Password { get; set; } = "";

    public string? Created { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Users = await List(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var command = new CreateUser(Email.Trim(), Name.Trim(), Role, Password);
        foreach (var error in (await validator.ValidateAsync(command, ct)).Errors) ModelState.AddModelError(error.PropertyName, error.ErrorMessage);
        var email = Auth.User.NormaliseEmail(command.Email);
        if (ModelState.IsValid && await session.Query<User>().AnyAsync(u => u.Email == email, ct))
            ModelState.AddModelError(nameof(Email), "A user with this email exists.");
        if (!ModelState.IsValid)
        {
            Users = await List(ct);
            return Page();
        }

        session.Store(Auth.User.Create(email, command.Name, command.Role, command.Password, clock.GetUtcNow()) with { CreatedBy = User.Identity?.Name });
        await session.SaveChangesAsync(ct);
        TempData["created"] = email;
        return RedirectToPage();
    }

    private async Task<IReadOnlyList<User>> List(CancellationToken ct)
    {
        Created = TempData["created"] as string;
        return await session.Query<User>().OrderBy(u => u.Email).ToListAsync(ct);
    }
}
