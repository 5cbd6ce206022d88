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
/// its inputs and the arithmetic that gave its points — to a reader whose scope covers the department the line is
/// computed over. A line scoped outside the caller's scope is redacted, and the card's total, grade and completeness
/// with it (<see cref="ScopedScorecard"/> says why).
/// </summary>
public static class ScorecardsApi
{
    public const int MaxDefinitionBytes = 256 * 1024;

    /// <summary>
    /// A line. Outside the caller's scope (<see cref="OutsideScope"/>) it keeps its definition and every figure is null,
    /// <see cref="Status"/> is <c>outside_scope</c> and <see cref="Arithmetic"/> says whose figures they are.
    /// </summary>
    public sealed record LineResponse(
        string Metric, string? Scope, string Direction, ScorecardDocument.RuleDocument Rule, decimal? Target, decimal? Tolerance,
        decimal? Actual, decimal? Numerator, decimal? Denominator, long? Records,
        decimal? Achievement, decimal? Points, decimal Weight, decimal? EffectiveWeight, decimal? Weighted, string Status,
        bool? VetoTriggered, string Arithmetic, bool OutsideScope);

    public sealed record VetoResponse(string Metric, string? Facet, decimal Actual, decimal Threshold, string CapGrade, string? UncappedGrade, string Reason);

    /// <summary>Why the card's own figures are missing: the departments of the lines the caller may not see.</summary>
    public sealed record WithheldResponse(IReadOnlyList<string> Scopes, string Reason);

    /// <summary>
    /// The explained score. When some line is outside the caller's scope, <see cref="Withheld"/> says which departments,
    /// and <see cref="Total"/>, <see cref="Grade"/>, <see cref="Completeness"/> and <see cref="Veto"/> are null: with the
    /// visible lines they would give the hidden ones away.
    /// </summary>
    public sealed record ScorecardResponse(
        string Department, string Period, decimal? Total, string? Grade, decimal? Completeness, VetoResponse? Veto, IReadOnlyList<LineResponse> Lines,
        WithheldResponse? Withheld);

    public const string OutsideScopeStatus = "outside_scope";

    public static IEndpointRouteBuilder MapScorecardsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/scorecards").WithTags("Scorecards").RequireAuthorization(AuthHosting.Figures);
        group.MapGet("/{department}", GetDefinition).WithSummary("A department's scorecard definition: its lines, targets, weights and rules (not employees)")
            .WithDescription("404 for an unknown department or one without a scorecard; 403 for a manager outside the departments they manage or head.");
        group.MapPut("/{department}", PutDefinition).RequireAuthorization(AuthHosting.Admin)
            .Accepts<ScorecardDocument>("application/json")
            .WithSummary("Define or replace a department's scorecard (admin)")
            .WithDescription($"400 names every wrong field (lines[0].metric, lines[1].scope …); 404 for an unknown department; 413 for a body over "
                             + $"{MaxDefinitionBytes / 1024} KB. A change is audited with the definition before and after.");
        group.MapGet("/{department}/{period}", GetScorecard)
            .WithSummary("A department's explained score for a period: each line's points and arithmetic, the total and grade (not employees)")
            .WithDescription("Points and totals are on the 0–120 scale, from the data as it is now. A line computed over a department outside the "
                             + "caller's scope keeps only its definition, and the total, grade and completeness are withheld. 400 for a period that is "
                             + "not one; 404 for an unknown department or one without a scorecard; 403 for a manager outside their departments.");
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
        if (result is null) return NoCard(department);
        var seen = ScopedScorecard.For(result, department, org!.Tree, Caller.From(http.User).Scope);
        return TypedResults.Ok(ToResponse(department, p, seen));
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

    private static ScorecardResponse ToResponse(string department, Period period, ScopedScorecard card)
    {
        var withheld = card.Withheld
            ? new WithheldResponse(card.HiddenScopes,
                $"{Count(card.Lines.Count(l => l.OutsideScope), "line is", "lines are")} computed over {string.Join(", ", card.HiddenScopes)}, " +
                "outside your scope: their figures, and the total, grade and completeness they enter, are withheld.")
            : null;
        return new ScorecardResponse(department, period.ToString(), card.Total, card.Grade, card.Completeness,
            card.Veto is { } v ? new VetoResponse(v.Metric, v.Facet, v.Actual, v.Threshold, v.CapGrade, v.UncappedGrade, v.Reason) : null,
            card.Lines.Select(l => Line(l, department)).ToList(), withheld);
    }

    private static LineResponse Line(ScopedLine scoped, string department)
    {
        var line = scoped.Line;
        var rule = ScorecardDocument.RuleOf(line.Rule);
        var tolerance = line.Tolerance == 0 ? null : (decimal?)line.Tolerance;
        if (scoped.Result is not { } l)
            return new LineResponse(line.Metric, line.Scope, line.Direction.Name(), rule, line.Target, tolerance,
                null, null, null, null, null, null, line.Weight, null, null, OutsideScopeStatus, null,
                $"outside your scope: computed over {line.Scope ?? department}, whose figures you may not see", OutsideScope: true);
        return new LineResponse(line.Metric, line.Scope, line.Direction.Name(), rule, line.Target, tolerance,
            l.Actual, l.Value?.Numerator, l.Value?.Denominator, l.Value?.Records ?? 0,
            l.Achievement, l.Points, line.Weight, l.EffectiveWeight, l.Weighted, StatusName(l.Status), l.VetoTriggered, l.Arithmetic, OutsideScope: false);
    }

    private static string Count(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";

    private static string StatusName(RagStatus s) => s switch
    {
        RagStatus.Green => "green",
        RagStatus.Amber => "amber",
        RagStatus.Red => "red",
        _ => "no_data",
    };
}
