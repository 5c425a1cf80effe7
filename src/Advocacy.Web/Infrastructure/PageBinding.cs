using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Advocacy.Web.Infrastructure;

/// <summary>
/// How form fields bind to the pages. An empty field leaves a non-nullable string empty rather than null, so a page can
/// trim what was typed and hand it to its command; the command's validator then says what is missing, once and in its own
/// words (no implicit "The X field is required." beside it). A value that is not a number or a date is named briefly: a
/// 100,000-character paste is not echoed back whole.
/// </summary>
public static class PageBinding
{
    private const int QuotedLength = 40;

    public static IServiceCollection AddPageBinding(this IServiceCollection services) => services.Configure<MvcOptions>(o =>
    {
        o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
        o.ModelMetadataDetailsProviders.Add(new EmptyStringsStayEmpty());
        o.ModelBinderProviders.Insert(0, new CheckboxBinder());
        o.Filters.Add(new RecordsNamedByHandlers());
        var messages = o.ModelBindingMessageProvider;
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => $"'{Quoted(value)}' is not valid for {field}.");
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"'{Quoted(value)}' is not valid.");
        messages.SetValueMustNotBeNullAccessor(_ => "Fill in this field.");
        messages.SetValueIsInvalidAccessor(value => $"'{Quoted(value)}' is not valid.");
    });

    /// <summary>A typed value as an error message quotes it: at most a few words of it.</summary>
    public static string Quoted(string? value, int length = QuotedLength) =>
        value is null ? "" : value.Length <= length ? value : value[..length] + "…";

    /// <summary>
    /// A yes/no field that posted something other than true or false is refused next to its checkbox, and the checkbox
    /// is drawn again unticked: ASP.NET would redraw it from the value posted, and fail to (a 500).
    /// </summary>
    private sealed class CheckboxBinder : IModelBinderProvider, IModelBinder
    {
        public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
            context.Metadata.UnderlyingOrModelType == typeof(bool) ? this : null;

        public Task BindModelAsync(ModelBindingContext context)
        {
            var posted = context.ValueProvider.GetValue(context.ModelName);
            if (posted == ValueProviderResult.None) return Task.CompletedTask;
            var first = posted.FirstValue;
            if (bool.TryParse(first, out var value) || string.IsNullOrEmpty(first) && context.ModelMetadata.IsReferenceOrNullableType)
            {
                context.ModelState.SetModelValue(context.ModelName, posted);
                context.Result = ModelBindingResult.Success(string.IsNullOrEmpty(first) ? null : (object)value);
                return Task.CompletedTask;
            }
            context.ModelState.SetModelValue(context.ModelName, false, bool.FalseString);
            context.ModelState.TryAddModelError(context.ModelName, $"'{Quoted(first)}' is not valid for {context.ModelMetadata.GetDisplayName()}: it is ticked or not.");
            context.Result = ModelBindingResult.Failed();
            return Task.CompletedTask;
        }
    }

    /// <summary>
    /// A handler that acts on a record (<c>OnPostSendAsync(Guid alertId)</c>) and was posted without one, or with one
    /// that is not an id, answers 404 like an unknown id: there is nothing to act on, and the command never sees it.
    /// </summary>
    private sealed class RecordsNamedByHandlers : IPageFilter
    {
        public void OnPageHandlerSelected(PageHandlerSelectedContext context) { }

        public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
        {
            foreach (var parameter in context.HandlerMethod?.Parameters ?? [])
            {
                context.HandlerArguments.TryGetValue(parameter.Name, out var value);
                var missing = parameter.ParameterType == typeof(Guid) ? value is not Guid id || id == Guid.Empty
                    : parameter.ParameterType == typeof(string) && value is not string { Length: > 0 }
                      && new NullabilityInfoContext().Create(parameter.ParameterInfo).WriteState == NullabilityState.NotNull;
                if (missing)
                {
                    context.Result = new NotFoundResult();
                    return;
                }
            }
        }

        public void OnPageHandlerExecuted(PageHandlerExecutedContext context) { }
    }

    private sealed class EmptyStringsStayEmpty : IDisplayMetadataProvider
    {
        public void CreateDisplayMetadata(DisplayMetadataProviderContext context)
        {
            if (context.Key.ModelType != typeof(string)) return;
            // NullabilityInfoContext is not thread-safe; metadata is built once per property and cached.
            var nullability = context.Key switch
            {
                { PropertyInfo: { } property } => new NullabilityInfoContext().Create(property).WriteState,
                { ParameterInfo: { } parameter } => new NullabilityInfoContext().Create(parameter).WriteState,
                _ => NullabilityState.Unknown,
            };
            if (nullability == NullabilityState.NotNull) context.DisplayMetadata.ConvertEmptyStringToNull = false;
        }
    }
}
