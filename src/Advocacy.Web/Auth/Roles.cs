using System.Security.Claims;
using Advocacy.Domain.Common;

namespace Advocacy.Web.Auth;

/// <summary>
/// Admin: everything, including API keys. Organizer: campaigns and advocates. Coordinator: advocates,
/// trainings, coalitions, policy. Viewer: reads only. Policies below name who may do what.
/// </summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Organizer = "Organizer";
    public const string Coordinator = "Coordinator";
    public const string Viewer = "Viewer";

    public static readonly string[] All = [Admin, Organizer, Coordinator, Viewer];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role);
}

public static class Policies
{
    public const string Read = "read";
    public const string ManageAdvocates = "manage-advocates";
    public const string Admin = "admin";
    public const string SendMessages = "send-messages";
    public const string ManageNetwork = "manage-network";

    public static void Add(Microsoft.AspNetCore.Authorization.AuthorizationOptions options)
    {
        options.AddPolicy(Read, p => p.RequireRole(Roles.All));
        options.AddPolicy(ManageAdvocates, p => p.RequireRole(Roles.Admin, Roles.Organizer, Roles.Coordinator));
        options.AddPolicy(Admin, p => p.RequireRole(Roles.Admin));
        options.AddPolicy(SendMessages, p => p.RequireRole(Roles.Admin, Roles.Organizer));
        // Trainings and coalitions: the role table gives them to Coordinators (and Admins, who may do everything).
        options.AddPolicy(ManageNetwork, p => p.RequireRole(Roles.Admin, Roles.Coordinator));
    }
}

public static class PrincipalExtensions
{
    public static Actor ToActor(this ClaimsPrincipal user) =>
        new(user.Identity?.Name ?? "anonymous", user.FindFirstValue(ClaimTypes.Role) ?? "none");
}
