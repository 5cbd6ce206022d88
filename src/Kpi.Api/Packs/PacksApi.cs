using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Kpi.Api.Auth;
using Kpi.Api.Infrastructure;
using Kpi.Domain.Periods;
using Kpi.Jobs.Packs;
using Kpi.Reporting.Models;
using Kpi.Storage;
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
/// has them.
/// </summary>
public static class PacksApi
{
    public const string ZipContentType = "application/zip";

    public static IEndpointRouteBuilder MapPacksApi(this IEndpointRouteBuilder app)
    {
        var packs = app.MapGroup("/api/packs").WithTags("Packs").RequireAuthorization();
        packs.MapGet("/{department}/{period}.pdf", GetDepartmentPdf).Produces(StatusCodes.Status200OK, contentType: PackFormats.PdfContentType);
        packs.MapGet("/{department}/{period}.xlsx", GetDepartmentXlsx).Produces(StatusCodes.Status200OK, contentType: PackFormats.XlsxContentType);
        packs.MapGet("/{period}.zip", GetArchive).Produces(StatusCodes.Status200OK, contentType: ZipContentType);

        app.MapGroup("/api/summary").WithTags("Packs")
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Hr, Roles.Executive))
            .MapGet("/{period}.pdf", GetSummaryPdf).Produces(StatusCodes.Status200OK, contentType: PackFormats.PdfContentType);
        return app;
    }

    public static Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetDepartmentPdf(
        string department, string period, int? version, string? lang, KpiDbContext db, PackRenderer renderer, HttpContext http, CancellationToken ct) =>
        DepartmentPack(department, period, version, lang, PackFormat.Pdf, db, renderer, http, ct);

    public static Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetDepartmentXlsx(
        string department, string period, int? version, string? lang, KpiDbContext db, PackRenderer renderer, HttpContext http, CancellationToken ct) =>
        DepartmentPack(department, period, version, lang, PackFormat.Xlsx, db, renderer, http, ct);

    private static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> DepartmentPack(
        string department, string period, int? version, string? lang, PackFormat format, KpiDbContext db, PackRenderer renderer, HttpContext http,
        CancellationToken ct)
    {
        if (!TryRequest(period, version, lang, out var month, out var language, out var bad)) return bad!;
        var (org, denied) = await DepartmentScope.ResolveAsync(db, department, http, ct);
        if (denied is not null) return denied;

        var key = month.ToString();
        var versions = db.ScorecardVersions.AsNoTracking().Where(v => v.Period == key && v.DepartmentCode == department);
        var row = version is { } n
            ? await versions.SingleOrDefaultAsync(v => v.Version == n, ct)
            : await versions.OrderByDescending(v => v.Version).FirstOrDefaultAsync(ct);
        if (row is null) return await NoVersion(db, department, key, version, ct);

        var info = await renderer.DepartmentAsync(row, language, format, ct);
        var name = PackNames.Department(department, org!.Tree.Get(department).Name, key, row.Version, language, format);
        return await Serve(http, db, info, name, immutable: version is not null, ct);
    }

    public static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetSummaryPdf(
        string period, int? version, string? lang, KpiDbContext db, PackRenderer renderer, HttpContext http, CancellationToken ct)
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
        return await Serve(http, db, info, PackNames.Summary(key, revision, language), immutable: version is not null, ct);
    }

    /// <summary>
    /// The latest packs of every department the caller may see, as one zip: entries named as the single downloads
    /// are, written in name order with the freeze time as their date, so the same packs always make the same archive.
    /// Its ETag is the hash of the entries' names and hashes, known before a byte is written.
    /// </summary>
    public static async Task<Results<FileStreamHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetArchive(
        string period, string? lang, string? format, KpiDbContext db, PackRenderer renderer, CompanyTimeZone zone, HttpContext http,
        CancellationToken ct)
    {
        if (!TryRequest(period, null, lang, out var month, out var language, out var bad)) return bad!;
        IReadOnlyList<PackFormat> formats = PackFormats.All;
        if (format is not null && format != "both")
        {
            if (!PackFormats.TryParse(format, out var one)) return Problems.Invalid("format", $"'{format}' is not a format: use pdf, xlsx or both.");
            formats = [one];
        }

        var key = month.ToString();
        var org = await db.LoadOrganisationAsync(ct);
        var caller = Caller.From(http.User);
        var latest = (await Freezer.LatestVersionRowsAsync(db, key, ct))
            .Where(v => org.Tree.Contains(v.DepartmentCode) && caller.CanSee(org.Tree, v.DepartmentCode))
            .ToList();
        if (latest.Count == 0)
            return await db.PeriodCloses.AnyAsync(c => c.Period == key && c.Revision > 0, ct)
                ? Problems.NotFound($"{key} has no pack of a department your key gives access to.")
                : NotClosed(key);

        var entries = new List<(string Name, PackInfo Info, DateTime At)>();
        foreach (var row in latest)
        {
            foreach (var f in formats)
            {
                var info = await renderer.DepartmentAsync(row, language, f, ct);
                var name = PackNames.Department(row.DepartmentCode, org.Tree.Get(row.DepartmentCode).Name, key, row.Version, language, f).Display;
                entries.Add((name, info, row.FrozenAt));
            }
        }
        // Two departments may share a name (一车间 under two plants): their codes tell the files apart.
        var clashing = entries.GroupBy(e => e.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        entries = entries.Select(e => clashing.Contains(e.Name) ? e with { Name = $"{e.Info.Key.Subject}-{e.Name}" } : e)
            .OrderBy(e => e.Name, StringComparer.Ordinal).ToList();

        var manifest = string.Join("\n", entries.Select(e => $"{e.Name}:{e.Info.Sha256}"));
        var etag = new EntityTagHeaderValue($"\"zip-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(manifest)))}\"");
        Describe(http, PackNames.Archive(key, language), immutable: false);
        if (NotModified(http, etag)) return TypedResults.StatusCode(StatusCodes.Status304NotModified);

        // Spooled to a temporary file: the archive may hold hundreds of packs, and Kestrel takes only asynchronous writes.
        var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        using (var zip = new ZipArchive(spool, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8))
        {
            foreach (var (name, info, at) in entries)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                // Zip dates are wall-clock times without a zone: the company's, so no server's own zone can change the bytes.
                entry.LastWriteTime = PackModels.Local(at, zone);
                await using var content = entry.Open();
                await content.WriteAsync(await db.ContentAsync(info.Id, ct), ct);
            }
        }
        spool.Position = 0;
        return TypedResults.Stream(spool, ZipContentType, entityTag: etag);
    }

    private static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> Serve(
        HttpContext http, KpiDbContext db, PackInfo info, PackNames.FileName name, bool immutable, CancellationToken ct)
    {
        var etag = new EntityTagHeaderValue($"\"{info.Sha256}\"");
        Describe(http, name, immutable);
        if (NotModified(http, etag)) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.File(await db.ContentAsync(info.Id, ct), info.ContentType, entityTag: etag,
            lastModified: new DateTimeOffset(DateTime.SpecifyKind(info.CreatedAt, DateTimeKind.Utc)));
    }

    /// <summary>
    /// Headers every answer carries, 304 included: the file name (RFC 6266, with RFC 5987's UTF-8 <c>filename*</c> for
    /// the Chinese name and an ASCII <c>filename</c> for older clients), and caching rules — a named version never
    /// changes; "latest" must be revalidated, since a restatement moves it; neither may sit in a shared cache.
    /// </summary>
    private static void Describe(HttpContext http, PackNames.FileName name, bool immutable)
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
