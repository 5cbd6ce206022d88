using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Http;
using System.Globalization;
using Kpi.Domain.Periods;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kpi.Demo.Sources;

/// <summary>
/// A small simulated MES, served only when the demo company is seeded, for the demo's http source to pull:
/// <c>GET /demo/mes/production?updated_since=…&amp;page=1&amp;page_size=200</c>. Anonymous, like a plant-floor system on
/// the company network: it serves generated demo data only, never anything stored in Kpi.
/// </summary>
internal static class DemoMesApi
{
    public sealed record MesItem(string RecordId, string Department, string Date, decimal PlannedQty, decimal ActualQty, string UpdatedAt, string Line);

    public sealed record MesPage(int Page, int PageSize, int Total, IReadOnlyList<MesItem> Items);

    public static IEndpointRouteBuilder MapDemoMesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(DemoSources.MesPath, Production).AllowAnonymous().WithTags("Demo")
            .WithSummary("The demo MES's production records, paged, for the demo's http source to pull (no sign-in; demo only)");
        return app;
    }

    public static Results<Ok<MesPage>, ValidationProblem> Production(
        string? updated_since, int? page, int? page_size, TimeProvider clock, CompanyTimeZone zone)
    {
        DateTimeOffset? since = null;
        if (updated_since is not null)
        {
            if (!DateTimeOffset.TryParse(updated_since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["updated_since"] = ["must be an ISO 8601 instant"] });
            since = parsed;
        }
        var number = Math.Max(1, page ?? 1);
        var size = Math.Clamp(page_size ?? 200, 1, 5000);
        var matching = DemoFeeds.MesProduction(clock.GetUtcNow().UtcDateTime, zone).Where(r => since is null || r.UpdatedAt >= since.Value.UtcDateTime).ToList();
        var items = matching.Skip((number - 1) * size).Take(size).Select(r => new MesItem(r.Record.RecordId, r.Record.Department,
            r.Record.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Record.PlannedQty, r.Record.ActualQty,
            r.UpdatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), "L1")).ToList();
        return TypedResults.Ok(new MesPage(number, size, matching.Count, items));
    }
}
