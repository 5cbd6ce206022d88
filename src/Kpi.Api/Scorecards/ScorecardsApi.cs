using Kpi.Domain.Access;
using Kpi.Domain;
using System.Text.Json;
using Kpi.Api.Auth;
using Kpi.Api.Infrastructure;
using Kpi.Domain.Metrics;
using Kpi.Domain.Periods;
using Kpi.Domain.Scoring;
using Kpi.Storage;
using Kpi.Storage.Organisation;
using Kpi.Storage.Scorecards;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Api.Scorecards;

/// <summary>
/// Scorecard definitions (<c>GET/PUT /api/scorecards/{department}</c>) and explained scores
/// (<c>GET /api/scorecards/{department}/{period}</c>). Points and totals are on the 0–120 scale; every line carries
/// its inputs and the arithmetic that gave its points.
/// </summary>
public static class ScorecardsApi
{
    public const int MaxDefinitionBytes = 256 * 1024;

    public sealed record LineResponse(
        string Metric, string? Scope, string Direction, ScorecardDocument.RuleDocument Rule, decimal? Target, decimal? Tolerance,
        decimal? Actual, decimal? Numerator, decimal? Denominator, long Records,
        decimal? Achievement, decimal? Points, decimal Weight, decimal? EffectiveWeight, decimal? Weighted, string Status,
        bool VetoTriggered, string Arithmetic);

    public sealed record VetoResponse(string Metric, string? Facet, decimal Actual, decimal Threshold, string CapGrade, string? UncappedGrade, string Reason);

    public sealed record ScorecardResponse(
        string Department, string Period, decimal? Total, string? Grade, decimal Completeness, VetoResponse? Veto, IReadOnlyList<LineResponse> Lines);

    public static IEndpointRouteBuilder MapScorecardsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/scorecards").WithTags("Scorecards").RequireAuthorization(AuthHosting.Figures);
        group.MapGet("/{department}", GetDefinition);
        group.MapPut("/{department}", PutDefinition).RequireAuthorization(AuthHosting.Admin)
            .Accepts<ScorecardDocument>("application/json");
        group.MapGet("/{department}/{period}", GetScorecard);
        return app;
    }

    public static async Task<Results<Ok<ScorecardDocument>, ProblemHttpResult>> GetDefinition(
        string department, KpiDbContext db, HttpContext http, CancellationToken ct)
    {
        var (org, problem) = await DepartmentScope.ResolveAsync(db, department, http, ct);
        if (problem is not null) return problem;
        var definition = await db.LoadScorecardAsync(org!, department, ct);
        return definition is null ? NoCard(department) : TypedResults.Ok(ScorecardDocument.From(definition));
    }

    public static async Task<Results<Ok<ScorecardDocument>, ProblemHttpResult>> PutDefinition(
        string department, HttpRequest request, KpiDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var org = await db.LoadOrganisationAsync(ct);
        if (!org.Tree.Contains(department)) return Problems.UnknownDepartment(department);
        if (request.ContentLength > MaxDefinitionBytes) return Problems.TooLarge($"A scorecard definition is at most {MaxDefinitionBytes} bytes.");

        ScorecardDocument? document;
        try
        {
            document = await JsonSerializer.DeserializeAsync<ScorecardDocument>(request.Body, ScorecardDocument.Json, ct);
        }
        catch (JsonException e)
        {
            return Problems.Invalid(Problems.JsonField(e.Path), $"is not a valid scorecard document: {e.Message}");
        }
        if (document is null) return Problems.Invalid("body", "is empty");

        var (definition, errors) = document.ToDefinition();
        var problems = errors.ToList();
        if (definition is not null) problems.AddRange(await UnknownReferences(definition, org, db, ct));
        if (problems.Count > 0)
            return Problems.Invalid(problems, "The scorecard definition is not valid");

        await db.SaveScorecardAsync(org, department, definition!, Caller.From(http.User).Name, clock.GetUtcNow().UtcDateTime, ct);
        return TypedResults.Ok(ScorecardDocument.From(definition!));
    }

    public static async Task<Results<Ok<ScorecardResponse>, ProblemHttpResult>> GetScorecard(
        string department, string period, KpiDbContext db, CompanyTimeZone zone, HttpContext http, CancellationToken ct)
    {
        if (!Problems.TryPeriod(period, out var p, out var bad)) return bad!;
        var (org, problem) = await DepartmentScope.ResolveAsync(db, department, http, ct);
        if (problem is not null) return problem;

        var result = await db.ScoreAsync(org!, department, p, zone, ct);
        return result is null ? NoCard(department) : TypedResults.Ok(ToResponse(department, p, result));
    }

    private static ProblemHttpResult NoCard(string department) =>
        Problems.NotFound($"Department '{department}' has no scorecard; an admin defines one with PUT /api/scorecards/{department}.");

    /// <summary>Metrics must be built in or have measurements; scopes must be departments.</summary>
    private static async Task<IReadOnlyList<FieldError>> UnknownReferences(ScorecardDefinition d, StoredOrganisation org, KpiDbContext db, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var custom = d.Lines.Select(l => l.Metric).Where(m => !MetricCatalogue.IsBuiltIn(m)).Distinct().ToList();
        var known = await db.Measurements.Where(m => custom.Contains(m.Metric)).Select(m => m.Metric).Distinct().ToListAsync(ct);
        for (var i = 0; i < d.Lines.Count; i++)
        {
            var line = d.Lines[i];
            if (!MetricCatalogue.IsBuiltIn(line.Metric) && !known.Contains(line.Metric))
                errors.Add(new($"lines[{i}].metric", $"'{line.Metric}' is neither a catalogue metric nor a custom metric with measurements"));
            if (line.Scope is not null && !org.Tree.Contains(line.Scope))
                errors.Add(new($"lines[{i}].scope", $"there is no department '{line.Scope}'"));
        }
        return errors;
    }

    private static ScorecardResponse ToResponse(string department, Period period, ScorecardResult r)
    {
        return new ScorecardResponse(department, period.ToString(), r.Total, r.Grade, r.Completeness,
            r.Veto is { } v ? new VetoResponse(v.Metric, v.Facet, v.Actual, v.Threshold, v.CapGrade, v.UncappedGrade, v.Reason) : null,
            r.Lines.Select(l => new LineResponse(
                l.Metric, l.Line.Scope, l.Line.Direction.Name(), ScorecardDocument.RuleOf(l.Line.Rule), l.Line.Target, l.Line.Tolerance == 0 ? null : l.Line.Tolerance,
                l.Actual, l.Value?.Numerator, l.Value?.Denominator, l.Value?.Records ?? 0,
                l.Achievement, l.Points, l.Line.Weight, l.EffectiveWeight, l.Weighted, StatusName(l.Status), l.VetoTriggered, l.Arithmetic)).ToList());
    }

    private static string StatusName(RagStatus s) => s switch
    {
        RagStatus.Green => "green",
        RagStatus.Amber => "amber",
        RagStatus.Red => "red",
        _ => "no_data",
    };
}
