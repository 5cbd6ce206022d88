using Kpi.Domain.Periods;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kpi.Api.Infrastructure;

/// <summary>The RFC 9457 answers every endpoint gives for the same situations, worded the same way.</summary>
internal static class Problems
{
    public static ProblemHttpResult BadRequest(string detail, string? field = null) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request",
            extensions: field is null ? null : new Dictionary<string, object?> { ["field"] = field });

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    public static ProblemHttpResult UnknownDepartment(string code) => NotFound($"There is no department '{code}'.");

    public static ProblemHttpResult NotYours(string code) => Forbidden($"Your key does not give access to department '{code}'.");

    /// <summary>Parses a period from a route, or says in a 400 what a period looks like.</summary>
    public static bool TryPeriod(string text, out Period period, out ProblemHttpResult? problem)
    {
        if (Period.TryParse(text, out period, out var error))
        {
            problem = null;
            return true;
        }
        problem = BadRequest(error, "period");
        return false;
    }
}
