using Advocacy.Web.Infrastructure;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Advocacy.Web.Auth;

public record CreateApiKey(string Name, string Role)
{
    public class Validator : AbstractValidator<CreateApiKey>
    {
        public Validator()
        {
            RuleFor(x => x.Name).NotEmpty().MaximumLength(100);
            RuleFor(x => x.Role).Must(Roles.IsKnown).WithMessage($"Role is one of {string.Join(", ", Roles.All)}.");
        }
    }
}

public record ApiKeyView(Guid Id, string Name, string Role, string Prefix, string CreatedBy, DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt, string? Key = null)
{
    public static ApiKeyView Of(ApiKey k, string? secret = null) =>
        new(k.Id, k.Name, k.Role, k.Prefix, k.CreatedBy, k.CreatedAt, k.RevokedAt, secret);
}

public static class ApiKeyEndpoints
{
    /// <summary>Creates a key; the response is the only time the secret is shown.</summary>
    [WolverinePost("/api/keys"), Authorize(Policy = Policies.Admin)]
    public static async Task<IResult> Post(CreateApiKey request, IValidator<CreateApiKey> validator,
        System.Security.Claims.ClaimsPrincipal user, IDocumentSession session, TimeProvider clock)
    {
        await validator.ValidateAndThrowAsync(request);

        var (key, secret) = ApiKey.Create(request.Name, request.Role, user.ToActor().Name, clock.GetUtcNow());
        session.Store(key);
        await session.SaveChangesAsync();
        return Results.Created($"/api/keys/{key.Id}", ApiKeyView.Of(key, secret));
    }

    [WolverineGet("/api/keys"), Authorize(Policy = Policies.Admin)]
    public static async Task<IReadOnlyList<ApiKeyView>> List(IQuerySession session) =>
        (await session.Query<ApiKey>().OrderBy(k => k.CreatedAt).ToListAsync()).Select(k => ApiKeyView.Of(k)).ToList();

    [WolverineDelete("/api/keys/{id}"), Authorize(Policy = Policies.Admin)]
    public static async Task<IResult> Revoke(Guid id, IDocumentSession session, TimeProvider clock)
    {
        var key = await session.LoadAsync<ApiKey>(id);
        if (key is null) return Results.Problem(statusCode: 404, title: "API key not found");
        if (key.Active)
        {
            session.Store(key with { RevokedAt = clock.GetUtcNow() });
            await session.SaveChangesAsync();
        }
        return Results.NoContent();
    }
}
