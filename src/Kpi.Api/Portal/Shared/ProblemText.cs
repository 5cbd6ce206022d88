using Microsoft.AspNetCore.Http.HttpResults;

namespace Kpi.Api.Portal.Shared;

/// <summary>
/// An API handler's problem answer as a sentence for a page, for pages that call the API's own handlers: every wrong
/// field with its reasons (<c>Problems.Invalid</c>'s <c>errors</c>), or the problem's detail.
/// </summary>
public static class ProblemText
{
    public static string Of(ProblemHttpResult problem)
    {
        if (problem.ProblemDetails.Extensions.TryGetValue("errors", out var errors) && errors is IReadOnlyDictionary<string, string[]> fields)
            return string.Join("; ", fields.Select(f => $"{f.Key}: {string.Join(", ", f.Value)}"));
        return problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "";
    }
}
