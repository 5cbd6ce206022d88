using Kpi.Domain;
using Kpi.Domain.Periods;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kpi.Api.Infrastructure;

/// <summary>
/// The RFC 9457 answers every endpoint gives for the same situations, worded the same way. Every 400 has one shape:
/// <c>detail</c> says the first problem as "field: reason", <c>field</c> names that field, and <c>errors</c> maps every
/// wrong field to its reasons, whether the request was a route value, a query parameter, a body or a whole definition.
/// </summary>
internal static class Problems
{
    /// <summary>A 400 for one wrong field (a route value, a query parameter, the <c>body</c>, a <c>file</c>).</summary>
    public static ProblemHttpResult Invalid(string field, string reason, string title = "The request is not valid") =>
        Invalid([new FieldError(field, reason)], title);

    /// <summary>A 400 naming every wrong field of a request; <paramref name="errors"/> is not empty.</summary>
    public static ProblemHttpResult Invalid(IReadOnlyCollection<FieldError> errors, string title = "The request is not valid",
        IReadOnlyDictionary<string, object?>? extensions = null)
    {
        if (errors.Count == 0) throw new ArgumentException("A 400 names at least one field.", nameof(errors));
        var first = errors.First();
        var more = errors.Count > 1 ? $" (and {errors.Count - 1} more in errors)" : "";
        return TypedResults.Problem($"{first.Field}: {first.Reason}{more}", statusCode: StatusCodes.Status400BadRequest, title: title,
            extensions: Extensions(errors, extensions));
    }

    /// <summary>The members <see cref="Invalid(IReadOnlyCollection{FieldError}, string, IReadOnlyDictionary{string, object?})"/> adds, for handlers that write ProblemDetails themselves.</summary>
    public static Dictionary<string, object?> Extensions(IReadOnlyCollection<FieldError> errors, IReadOnlyDictionary<string, object?>? more = null)
    {
        var extensions = new Dictionary<string, object?>
        {
            ["field"] = errors.First().Field,
            ["errors"] = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Reason).ToArray()),
        };
        foreach (var (key, value) in more ?? new Dictionary<string, object?>()) extensions[key] = value;
        return extensions;
    }

    /// <summary>The field a JSON reader's path (<c>$.lines[0].weight</c>) points at; <c>body</c> for the document itself.</summary>
    public static string JsonField(string? path) =>
        path is null or "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    public static ProblemHttpResult TooLarge(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large");

    public static ProblemHttpResult UnknownDepartment(string code) => NotFound($"There is no department '{code}'.");

    public static ProblemHttpResult NotYours(string code) => Forbidden($"You have no access to department '{code}'.");

    /// <summary>Parses a period from a route, or says in a 400 what a period looks like.</summary>
    public static bool TryPeriod(string text, out Period period, out ProblemHttpResult? problem)
    {
        if (Period.TryParse(text, out period, out var error))
        {
            problem = null;
            return true;
        }
        problem = Invalid("period", error);
        return false;
    }
}
