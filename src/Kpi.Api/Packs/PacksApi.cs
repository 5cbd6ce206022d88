using Kpi.Domain.Access;
using Kpi.Api.Auth;
using Kpi.Api.Infrastructure;
using Kpi.Domain.Periods;
using Kpi.Jobs.Packs;
using Kpi.Reporting.Models;
using Kpi.Storage;
using Kpi.Storage.Access;
using Kpi.Storage.Close;
using Kpi.Storage.Organisation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Kpi.Api.Packs;

/// <summary>
/// Report downloads, from frozen versions only. <c>GET /api/packs/{department}/{period}.pdf|.xlsx</c> (optional
/// <c>version</c>, default the latest; <c>lang</c> zh|en, default zh), <c>GET /api/packs/{period}.zip</c> (every
/// department the caller may see, latest versions; optional <c>lang</c> and <c>format</c>), and
/// <c>GET /api/summary/{period}.pdf</c> (admin, HR and executives: it ranks every department). A pack is rendered once
/// and stored with its SHA-256, which is its ETag: downloading again returns the same bytes, or 304 to a client that
/// has them. A department pack comes in the variant the caller's scope allows (<see cref="PackVariants"/>): a caller
/// who may not see every department the card's lines are computed over gets the one without those lines, so one URL
/// may answer different callers with different bytes (the answers are private, never shared-cached).
/// </summary>
public static class PacksApi
{
    private const string DepartmentPackDescription =
        "version: a frozen version (default the latest); lang: zh or en (default zh). The same bytes every time (ETag, 304), in the variant "
        + "the caller's scope allows. 404 for an unknown department, a month not closed or a version the department lacks; 403 for a "
        + "manager outside the departments they manage or head; 400 for a period that is not a month, or a wrong version or language.";

    public static IEndpointRouteBuilder MapPacksApi(this IEndpointRouteBuilder app)
    {
        var packs = app.MapGroup("/api/packs").WithTags("Packs").RequireAuthorization(AuthHosting.Figures);
        packs.MapGet("/{department}/{period}.pdf", GetDepartmentPdf).Produces(StatusCodes.Status200OK, contentType: FileFormats.PdfContentType)
            .WithSummary("A department's report pack of a closed month, as PDF (not employees)").WithDescription(DepartmentPackDescription);
        packs.MapGet("/{department}/{period}.xlsx", GetDepartmentXlsx).Produces(StatusCodes.Status200OK, contentType: FileFormats.XlsxContentType)
            .WithSummary("A department's report pack of a closed month, as XLSX (not employees)").WithDescription(DepartmentPackDescription);
        packs.MapGet("/{period}.zip", GetArchive).Produces(StatusCodes.Status200OK, contentType: PackArchive.ContentType)
            .WithSummary("The latest packs of every department you may see for a closed month, in one zip (not employees)")
            .WithDescription("format: pdf, xlsx or both (default both); lang: zh or en (default zh). ETag and 304. 404 when the month is not closed "
                             + "or holds no pack of a department you may see; 400 for a period that is not a month, or a wrong format or language.");

        app.MapGroup("/api/summary").WithTags("Packs")
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Hr, Roles.Executive))
            .MapGet("/{period}.pdf", GetSummaryPdf).Produces(StatusCodes.Status200OK, contentType: FileFormats.PdfContentType)
            .WithSummary("The executive summary of a closed month, ranking every department, as PDF (admin, HR, executives)")
            .WithDescription("version: the close's revision (default the latest); lang: zh or en (default zh). The same bytes every time (ETag, "
                             + "304). 404 when the month is not closed or has no such revision; 400 for a period that is not a month, or a wrong "
                             + "version or language.");
        return app;
    }

    public static Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetDepartmentPdf(
        string department, string period, int? version, string? lang, KpiDbContext db, ReportFiles renderer, HttpContext http, CancellationToken ct) =>
        DepartmentPack(department, period, version, lang, FileFormat.Pdf, db, renderer, http, ct);

    public static Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetDepartmentXlsx(
        string department, string period, int? version, string? lang, KpiDbContext db, ReportFiles renderer, HttpContext http, CancellationToken ct) =>
        DepartmentPack(department, period, version, lang, FileFormat.Xlsx, db, renderer, http, ct);

    private static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> DepartmentPack(
        string department, string period, int? version, string? lang, FileFormat format, KpiDbContext db, ReportFiles renderer, HttpContext http,
        CancellationToken ct)
    {
        if (!TryRequest(period, version, lang, out var month, out var language, out var bad)) return bad!;
        var (org, denied) = await DepartmentScope.ResolveAsync(db, department, http, ct);
        if (denied is not null) return denied;

        var key = month.ToString();
        var row = version is { } n
            ? await db.ScorecardVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Period == key && v.DepartmentCode == department && v.Version == n, ct)
            : await db.ScorecardVersions.AsNoTracking().Latest(key).Where(v => v.DepartmentCode == department).OrderByDescending(v => v.Version).FirstOrDefaultAsync(ct);
        if (row is null) return await NoVersion(db, department, key, version, ct);

        var info = await renderer.DepartmentForAsync(row, Caller.From(http.User).Scope, org!.Tree, language, format, ct);
        var name = ReportFileNames.Department(department, org.Tree.Get(department).Name, key, row.Version, language, format);
        return await Serve(http, db, info, name, immutable: version is not null, ct);
    }

    public static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetSummaryPdf(
        string period, int? version, string? lang, KpiDbContext db, ReportFiles renderer, HttpContext http, CancellationToken ct)
    {
        if (!TryRequest(period, version, lang, out var month, out var language, out var bad)) return bad!;
        var key = month.ToString();
        var close = await db.PeriodCloses.AsNoTracking().SingleOrDefaultAsync(c => c.Period == key, ct);
        if (close is null || close.Revision == 0) return NotClosed(key);
        var revision = version ?? close.Revision;
        if (revision > close.Revision)
            return Problems.NotFound($"{key} has no summary version {revision}: the latest is {close.Revision}.");

        var info = await renderer.SummaryAsync(key, revision, language, ct);
        if (info is null) return NotClosed(key);
        return await Serve(http, db, info, ReportFileNames.Summary(key, revision, language), immutable: version is not null, ct);
    }

    /// <summary>The latest packs of every department the caller may see, as one zip (<see cref="PackArchive"/>).</summary>
    public static async Task<Results<FileStreamHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetArchive(
        string period, string? lang, string? format, PackArchive archive, KpiDbContext db, HttpContext http, CancellationToken ct)
    {
        if (!TryRequest(period, null, lang, out var month, out var language, out var bad)) return bad!;
        IReadOnlyList<FileFormat> formats = FileFormats.All;
        if (format is not null && format != "both")
        {
            if (!FileFormats.TryParse(format, out var one)) return Problems.Invalid("format", $"'{format}' is not a format: use pdf, xlsx or both.");
            formats = [one];
        }

        var plan = await archive.PlanAsync(month, language, formats, Caller.From(http.User).Scope, ct);
        if (plan.Entries.Count == 0)
            return plan.PeriodClosed ? Problems.NotFound($"{plan.Period} has no pack of a department you have access to.") : NotClosed(plan.Period);

        var etag = new EntityTagHeaderValue(plan.ETag);
        Describe(http, ReportFileNames.Archive(plan.Period, language), immutable: false);
        if (NotModified(http, etag)) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        var zip = await archive.WriteAsync(plan, ct);
        await AuditDownloadAsync(http, db, ReportFileNames.Archive(plan.Period, language).Display, plan.ETag.Trim('"'), ct);
        return TypedResults.Stream(zip, PackArchive.ContentType, entityTag: etag);
    }

    private static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> Serve(
        HttpContext http, KpiDbContext db, StoredFileInfo info, ReportFileNames.FileName name, bool immutable, CancellationToken ct)
    {
        var etag = new EntityTagHeaderValue($"\"{info.Sha256}\"");
        Describe(http, name, immutable);
        if (NotModified(http, etag)) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        await AuditDownloadAsync(http, db, name.Display, info.Sha256, ct);
        return TypedResults.File(await db.ContentAsync(info.Id, ct), info.ContentType, entityTag: etag,
            lastModified: new DateTimeOffset(DateTime.SpecifyKind(info.CreatedAt, DateTimeKind.Utc)));
    }

    /// <summary>Who downloaded which file: every download that sends bytes (a 304 sends none).</summary>
    private static async Task AuditDownloadAsync(HttpContext http, KpiDbContext db, string file, string sha256, CancellationToken ct)
    {
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        db.Record(clock.GetUtcNow().UtcDateTime, Caller.From(http.User).Name, "pack.downloaded", "file", file, new { sha256, address = http.Connection.RemoteIpAddress?.ToString() });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Headers every answer carries, 304 included: the file name (RFC 6266, with RFC 5987's UTF-8 <c>filename*</c> for
    /// the Chinese name and an ASCII <c>filename</c> for older clients), and caching rules — a named version never
    /// changes; "latest" must be revalidated, since a restatement moves it; neither may sit in a shared cache.
    /// </summary>
    private static void Describe(HttpContext http, ReportFileNames.FileName name, bool immutable)
    {
        var disposition = new ContentDispositionHeaderValue("attachment") { FileName = name.Ascii, FileNameStar = name.Display };
        http.Response.Headers.ContentDisposition = disposition.ToString();
        http.Response.Headers.CacheControl = immutable ? "private, max-age=31536000, immutable" : "private, no-cache";
    }

    private static bool NotModified(HttpContext http, EntityTagHeaderValue etag)
    {
        var match = http.Request.GetTypedHeaders().IfNoneMatch;
        if (match.Count == 0 || !match.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false))) return false;
        http.Response.Headers.ETag = etag.ToString();
        return true;
    }

    private static bool TryRequest(string period, int? version, string? lang, out Period month, out ReportLanguage language, out ProblemHttpResult? problem)
    {
        language = ReportLanguage.Zh;
        if (!Problems.TryPeriod(period, out month, out problem)) return false;
        if (month.Kind != PeriodKind.Month)
        {
            problem = Problems.Invalid("period", $"'{period}' is not a month: packs are monthly, e.g. 2026-10.");
            return false;
        }
        if (version is < 1)
        {
            problem = Problems.Invalid("version", "A version is a number from 1.");
            return false;
        }
        if (lang is not null && !ReportLanguages.TryParse(lang, out language))
        {
            problem = Problems.Invalid("lang", $"'{lang}' is not a report language: use zh or en.");
            return false;
        }
        return true;
    }

    private static async Task<ProblemHttpResult> NoVersion(KpiDbContext db, string department, string period, int? version, CancellationToken ct)
    {
        var latest = await db.ScorecardVersions.Where(v => v.Period == period && v.DepartmentCode == department).MaxAsync(v => (int?)v.Version, ct);
        if (latest is not null) return Problems.NotFound($"{department} has no version {version} for {period}: the latest is {latest}.");
        return await db.PeriodCloses.AnyAsync(c => c.Period == period && c.Revision > 0, ct)
            ? Problems.NotFound($"{department} had no scorecard when {period} was closed, so it has no pack; define one and close {period} again.")
            : NotClosed(period);
    }

    private static ProblemHttpResult NotClosed(string period) =>
        Problems.NotFound($"{period} is not closed yet: an admin closes it with POST /api/periods/{period}/close.");
}
