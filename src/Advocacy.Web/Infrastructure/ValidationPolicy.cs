using FluentValidation;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Wolverine.Configuration;
using Wolverine.Runtime.Handlers;

namespace Advocacy.Web.Infrastructure;

/// <summary>
/// Runs the FluentValidation validator of a command before its handler (WolverineFx.FluentValidation is
/// not served here). A failure throws <see cref="ValidationException"/>, which the HTTP layer turns into a
/// 400 ValidationProblemDetails; the handler never runs, so nothing changes.
/// </summary>
public sealed class ValidationPolicy(IReadOnlySet<Type> validatedTypes) : IHandlerPolicy
{
    public void Apply(IReadOnlyList<HandlerChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains.Where(c => validatedTypes.Contains(c.MessageType)))
        {
            var method = typeof(CommandValidation).GetMethod(nameof(CommandValidation.ValidateAsync))!
                .MakeGenericMethod(chain.MessageType);
            chain.Middleware.Insert(0, new MethodCall(typeof(CommandValidation), method));
        }
    }

    /// <summary>The command types that have a validator in the given assembly.</summary>
    public static IReadOnlySet<Type> ValidatedTypesIn(System.Reflection.Assembly assembly) => assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false })
        .SelectMany(t => t.GetInterfaces())
        .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))
        .Select(i => i.GetGenericArguments()[0])
        .ToHashSet();
}

public static class CommandValidation
{
    public static Task ValidateAsync<T>(IValidator<T> validator, T message) => validator.ValidateAndThrowAsync(message);
}
