using System.Globalization;
using System.Text;
using Kpi.Api.Auth;
using Kpi.Api.Infrastructure;
using Kpi.Domain;
using Kpi.Domain.Metrics;
using Kpi.Domain.Periods;
using Kpi.Domain.Records;
using Kpi.Ingestion.Files;
using Kpi.Storage;
using Kpi.Storage.Metrics;
using Kpi.Storage.Organisation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Api.Metrics;

/// <summary>
/// <c>GET /api/metrics/{department}/{period}/{metric}/records</c>: the drill-down from a metric's value to the records
/// behind it (<see cref="MetricRecords"/>), scoped like every department route. Paged (<c>page</c>, <c>page_size</c> up
/// to 500), sorted (<c>sort</c> = a column, <c>desc</c>), filtered (<c>within</c> = a department of the subtree, <c>q</c> in
/// the record id, <c>counted</c> = true|false for the records the rule counts or not), for one record kind of the
/// metric (<c>kind</c>, labour productivity reads production and hours); with the rows refused by the imports that
/// wrote them. <c>format=csv</c> downloads every matching record as CSV (UTF-8 with BOM, formulas defused).
/// </summary>
public static class MetricRecordsApi
{
    public const int RejectionsListed = 200;

    /// <summary>Rows a CSV download carries at most; past that it says so in its last line.</summary>
    public const int MaxCsvRows = 200_000;

    public sealed record ColumnResponse(string Name, string Type);

    public sealed record RecordResponse(string RecordId, string Department, long? RunId, IReadOnlyDictionary<string, object?> Values);

    public sealed record RejectionResponse(long RunId, string? FileName, string Source, int Line, string Column, string Reason, string? Department);

    public sealed record RejectionsResponse(long Total, IReadOnlyList<RejectionResponse> Listed);

    public sealed record RecordsResponse(
        string Department, string Period, string Metric, string Kind, IReadOnlyList<string> Kinds, IReadOnlyList<ColumnResponse> Columns,
        string? CountedColumn, long Total, int Page, int PageSize, int Pages, string Sort, bool Descending, IReadOnlyDictionary<string, decimal> Sums,
        IReadOnlyList<RecordResponse> Records, RejectionsResponse Rejected);

    /// <summary>A checked drill-down request, for this endpoint and the portal's page alike.</summary>
    public sealed record Request(StoredOrganisation Org, string Department, Period Period, string Metric, RecordKind Kind, RecordQuery Query);

    public static RouteGroupBuilder MapMetricRecords(this RouteGroupBuilder group)
    {
        group.MapGet("/{department}/{period}/{metric}/records", GetRecords)
            .WithSummary("The records behind a metric's value: paged, sorted, filtered, as JSON or CSV, with the rows their imports refused (not employees)");
        return group;
    }

    public static async Task<Results<Ok<RecordsResponse>, PushStreamHttpResult, ProblemHttpResult>> GetRecords(
        string department, string period, string metric, string? kind, string? sort, bool? desc, int? page,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page_size")] int? pageSize, string? q, string? counted, string? within, string? format,
        KpiDbContext db, CompanyTimeZone zone, HttpContext http, CancellationToken ct)
    {
        var (request, problem) = await ParseAsync(db, http, department, period, metric, kind, sort, desc, page, pageSize, q, counted, within, ct);
        if (problem is not null) return problem;
        if (format is not null && format != "json" && format != "csv") return Problems.Invalid("format", $"'{format}' is not a format: use json or csv.");
        var r = request!;
        if (format == "csv")
        {
            var name = $"{r.Department}-{r.Period}-{r.Metric}-{r.Kind.Name()}.csv";
            http.Response.Headers.CacheControl = "private, no-cache";
            return TypedResults.Stream(stream => WriteCsvAsync(stream, db, r, zone, ct), "text/csv; charset=utf-8", name);
        }

        var records = await db.RecordsAsync(r.Org, r.Department, r.Period, zone, r.Metric, r.Kind, r.Query, ct);
        var rejected = await db.RejectionsAsync(r.Org, r.Department, records.Runs, RejectionsListed, ct);
        return TypedResults.Ok(ToResponse(r, records, rejected));
    }

    /// <summary>
    /// Checks a drill-down request: the period, the department (404 unknown, 403 outside the caller's scope), the metric
    /// (a catalogue metric, or a custom one with measurements), the kind, the sort column and the filters.
    /// </summary>
    public static async Task<(Request? Request, ProblemHttpResult? Problem)> ParseAsync(
        KpiDbContext db, HttpContext http, string department, string period, string metric, string? kind, string? sort, bool? desc, int? page,
        int? pageSize, string? search, string? counted, string? filterDepartment, CancellationToken ct)
    {
        if (!Problems.TryPeriod(period, out var p, out var bad)) return (null, bad);
        var (org, denied) = await DepartmentScope.ResolveAsync(db, department, http, ct);
        if (denied is not null) return (null, denied);

        var errors = new List<FieldError>();
        if (!MetricCatalogue.IsBuiltIn(metric) && (metric.Length > 64 || !await db.Measurements.AnyAsync(m => m.Metric == metric, ct)))
            return (null, Problems.NotFound($"There is no metric '{metric}': neither a catalogue metric nor a custom metric with measurements."));
        var kinds = MetricRecords.KindsOf(metric);
        var recordKind = kinds[0];
        if (kind is not null && (!RecordKinds.TryParse(kind, out recordKind) || !kinds.Contains(recordKind)))
            errors.Add(new("kind", $"{metric} is computed from {string.Join(" and ", kinds.Select(k => k.Name()))} records, not '{kind}'"));
        var columns = errors.Count == 0 ? MetricRecords.ColumnsOf(metric, recordKind).Select(c => c.Name).Append("record_id").Append("department").ToList() : [];
        if (sort is not null && errors.Count == 0 && !columns.Contains(sort))
            errors.Add(new("sort", $"'{sort}' is not a column: use one of {string.Join(", ", columns)}"));
        if (page is < 1) errors.Add(new("page", "is a number from 1"));
        if (pageSize is < 1 or > RecordQuery.MaxPageSize) errors.Add(new("page_size", $"is 1–{RecordQuery.MaxPageSize}"));
        if (search is { Length: > MetricRecords.MaxSearchLength }) errors.Add(new("q", $"is at most {MetricRecords.MaxSearchLength} characters"));
        bool? countedOnly = counted switch
        {
            null or "" => null,
            "true" or "yes" => true,
            "false" or "no" => false,
            _ => null,
        };
        if (counted is { Length: > 0 } && countedOnly is null) errors.Add(new("counted", "is true or false"));
        var filter = string.IsNullOrWhiteSpace(filterDepartment) ? null : filterDepartment.Trim();
        if (filter is not null && !org!.Tree.Subtree(department).Contains(filter))
            errors.Add(new("within", $"'{filter}' is not {department} or a department under it"));
        if (errors.Count > 0) return (null, Problems.Invalid(errors));

        var query = new RecordQuery(filter, string.IsNullOrWhiteSpace(search) ? null : search.Trim(), countedOnly, sort, desc ?? false, page ?? 1,
            pageSize ?? RecordQuery.DefaultPageSize);
        return (new Request(org!, department, p, metric, recordKind, query), null);
    }

    public static RecordsResponse ToResponse(Request r, RecordPage records, FeedingRejections rejected) => new(
        r.Department, r.Period.ToString(), r.Metric, records.Kind.Name(), records.Kinds.Select(k => k.Name()).ToList(),
        records.Columns.Select(c => new ColumnResponse(c.Name, c.Type.ToString().ToLowerInvariant())).ToList(), records.CountedColumn,
        records.Total, records.Page, records.PageSize, records.Pages, records.Sort, records.Descending, records.Sums,
        records.Rows.Select(row => new RecordResponse(row.RecordId, row.Department, row.RunId,
            records.Columns.Select((c, i) => (c.Name, row.Values[i])).ToDictionary(x => x.Name, x => x.Item2))).ToList(),
        new RejectionsResponse(rejected.Total, rejected.Listed.Select(x => new RejectionResponse(x.RunId, x.FileName, x.Source, x.Line, x.Column, x.Reason,
            x.Department)).ToList()));

    /// <summary>Every matching record, page by page, as CSV that Excel opens with its Chinese intact and without running a formula.</summary>
    private static async Task WriteCsvAsync(Stream stream, KpiDbContext db, Request r, CompanyTimeZone zone, CancellationToken ct)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16);
        const int chunk = RecordQuery.MaxPageSize;
        var written = 0;
        for (var page = 1; ; page++)
        {
            var records = await db.RecordsAsync(r.Org, r.Department, r.Period, zone, r.Metric, r.Kind, r.Query with { Page = page, PageSize = chunk }, ct);
            if (page == 1) await writer.WriteAsync(Line(["record_id", "department", .. records.Columns.Select(c => c.Name), "run_id"]));
            foreach (var row in records.Rows)
            {
                if (written++ >= MaxCsvRows)
                {
                    await writer.WriteAsync(Line([$"(cut at {MaxCsvRows} rows of {records.Total}: filter the records to download the rest)"]));
                    return;
                }
                await writer.WriteAsync(Line([Defused(row.RecordId), Defused(row.Department), .. row.Values.Select(v => v is string text ? Defused(text) : Cell(v)),
                    row.RunId?.ToString(CultureInfo.InvariantCulture)]));
            }
            if (page >= records.Pages) return;
        }
    }

    /// <summary>A value as the import contract writes it: dates yyyy-MM-dd, instants ISO 8601 UTC, numbers with a dot, flags yes/no.</summary>
    public static string? Cell(object? value) => value switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        decimal n => n.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>Text from imported files: a cell a spreadsheet would take for a formula is written as text.</summary>
    private static string? Defused(string? text) => RejectedRowsWriter.DefuseFormula(text);

    private static string Line(IReadOnlyList<string?> cells)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) sb.Append(',');
            var cell = cells[i] ?? "";
            if (cell.AsSpan().IndexOfAny(",\"\r\n") >= 0) sb.Append('"').Append(cell.Replace("\"", "\"\"")).Append('"');
            else sb.Append(cell);
        }
        return sb.Append("\r\n").ToString();
    }
}
