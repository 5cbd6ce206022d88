using Kpi.Api.Auth;
using System.Text.Json;
using Kpi.Api.Infrastructure;
using Kpi.Domain.Metrics;
using Kpi.Domain.Periods;
using Kpi.Storage;
using Kpi.Storage.Metrics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kpi.Api.Metrics;

/// <summary>
/// <c>GET /api/metrics/{department}/{period}</c>: every catalogue metric and every custom metric with records, over
/// the department's subtree, computed from the data as it is now. Ratios are fractions; no data is null.
/// </summary>
public static class MetricsApi
{
    public sealed record MetricValueResponse(
        string Metric, string Unit, string Direction, decimal? Value, decimal? Numerator, decimal? Denominator, long Records,
        IReadOnlyDictionary<string, decimal>? Facets);

    public sealed record MetricsResponse(string Department, string Period, IReadOnlyList<MetricValueResponse> Values);

    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/metrics").WithTags("Metrics").RequireAuthorization(AuthHosting.Figures);
        group.MapGet("/{department}/{period}", GetMetrics)
            .WithSummary("Every metric of a department's subtree for a period, computed from the data as it is now (not employees)")
            .WithDescription("Ratios are fractions; no data is null. 400 for a period that is not one (2026-10, 2026-Q4, 2026, 2026-10-YTD, "
                             + "2026-11-QTD); 404 for an unknown department; 403 for a manager outside the departments they manage or head.");
        group.MapMetricRecords();
        return app;
    }

    public static async Task<Results<Ok<MetricsResponse>, ProblemHttpResult>> GetMetrics(
        string department, string period, KpiDbContext db, CompanyTimeZone zone, HttpContext http, CancellationToken ct)
    {
        if (!Problems.TryPeriod(period, out var p, out var bad)) return bad!;
        var (org, problem) = await DepartmentScope.ResolveAsync(db, department, http, ct);
        if (problem is not null) return problem;

        var values = await db.MetricValuesAsync(org!, department, p, zone, ct);
        return TypedResults.Ok(new MetricsResponse(department, p.ToString(), values.Select(ToResponse).ToList()));
    }

    private static MetricValueResponse ToResponse(MetricValue v)
    {
        var definition = MetricCatalogue.Describe(v.Metric);
        return new MetricValueResponse(v.Metric, JsonNamingPolicy.SnakeCaseLower.ConvertName(definition.Unit.ToString()), definition.Direction.Name(),
            v.Value, v.Numerator, v.Denominator, v.Records, v.Facets);
    }
}
