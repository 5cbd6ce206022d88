using Kpi.Api.Auth;
using Kpi.Api.Infrastructure;
using Kpi.Domain.Access;
using Kpi.Domain.Periods;
using Kpi.Jobs.Close;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kpi.Api.Periods;

/// <summary>
/// The monthly close. <c>POST /api/periods/{period}/close</c> (admin) freezes every department's scorecard as a new
/// version where its numbers changed and renders the packs in the background; <c>GET /api/periods/{period}</c> shows
/// the close's status, each department's versions (with what changed and why) and how far rendering is;
/// <c>GET /api/periods</c> lists the closes. Managers see only their departments.
/// </summary>
public static class PeriodsApi
{
    public static IEndpointRouteBuilder MapPeriodsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/periods").WithTags("Periods").RequireAuthorization(AuthHosting.Figures);
        group.MapGet("/", ListPeriods).WithSummary("The closes, newest month first (not employees)");
        group.MapGet("/{period}", GetPeriod).WithSummary("A month's close: status, versions and what changed, render progress (not employees)");
        group.MapPost("/{period}/close", Close).RequireAuthorization(AuthHosting.Admin)
            .WithSummary("Close a month: freeze every department's scorecard and render the packs (admin, 202)");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<PeriodSummary>>> ListPeriods(MonthlyClose close, CancellationToken ct) =>
        TypedResults.Ok(await close.ListAsync(ct));

    public static async Task<Results<Accepted<PeriodStatus>, ProblemHttpResult>> Close(
        string period, MonthlyClose close, HttpContext http, CancellationToken ct)
    {
        if (!TryMonth(period, out var month, out var bad)) return bad!;
        if (month.FirstDay < MonthlyClose.EarliestMonth.FirstDay)
            return Problems.Invalid("period", $"'{period}' cannot be closed: a close reaches back a year for its trends, so the first month is {MonthlyClose.EarliestMonth}.");
        var caller = Caller.From(http.User);
        var request = await close.RequestAsync(month, CloseJob.ManualTrigger, caller.Name, ct);
        if (!request.Accepted) return Problems.Conflict(request.Refusal!);
        var key = month.ToString();
        return TypedResults.Accepted($"/api/periods/{key}", await close.DescribeAsync(key, caller.Scope, ct));
    }

    public static async Task<Results<Ok<PeriodStatus>, ProblemHttpResult>> GetPeriod(
        string period, MonthlyClose close, HttpContext http, CancellationToken ct)
    {
        if (!TryMonth(period, out var month, out var bad)) return bad!;
        return TypedResults.Ok(await close.DescribeAsync(month.ToString(), Caller.From(http.User).Scope, ct));
    }

    private static bool TryMonth(string text, out Period month, out ProblemHttpResult? problem)
    {
        if (!Problems.TryPeriod(text, out month, out problem)) return false;
        if (month.Kind == PeriodKind.Month) return true;
        problem = Problems.Invalid("period", $"'{text}' is not a month: closes are monthly, e.g. 2026-10.");
        return false;
    }
}
