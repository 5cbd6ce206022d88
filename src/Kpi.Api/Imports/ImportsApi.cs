using Kpi.Domain.Access;
using Kpi.Domain;
using Kpi.Api.Auth;
using Kpi.Api.Infrastructure;
using Kpi.Domain.Records;
using Kpi.Ingestion.Files;
using Kpi.Ingestion.Imports;
using Kpi.Storage;
using Kpi.Storage.Imports;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Kpi.Api.Imports;

/// <summary>
/// Uploads (admin only): <c>POST /api/imports/{kind}</c> with the file as the body (<c>text/csv</c>, the XLSX media type
/// or <c>application/json</c>) or as the one file of a <c>multipart/form-data</c> form; the run history under
/// <c>GET /api/imports</c>. Valid rows are stored even when others are refused; a file that cannot be read at all is
/// refused whole with a 400 and stores nothing.
/// </summary>
public static class ImportsApi
{
    public sealed record RejectionResponse(int Line, string Column, string Reason);

    public sealed record ImportResponse(
        long RunId, string Kind, string Status, long Accepted, long Updated, long Unchanged, long RejectedRows, long RejectedTotal,
        IReadOnlyList<RejectionResponse> Rejected);

    public sealed record RunResponse(
        long Id, string Kind, string Source, string? FileName, string Status, DateTime StartedAt, DateTime? FinishedAt,
        long Accepted, long Updated, long Unchanged, long RejectedRows, string? Error, string? Actor);

    public sealed record RunDetailResponse(RunResponse Run, long RejectedTotal, IReadOnlyList<RejectionResponse> Rejected);

    public static IEndpointRouteBuilder MapImportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/imports").WithTags("Imports").RequireAuthorization(AuthHosting.Admin);
        group.MapPost("/{kind}", PostImport).DisableAntiforgery()
            .Accepts<IFormFile>("text/csv", ImportFormats.XlsxContentType, "application/json", "multipart/form-data");
        group.MapGet("/", ListRuns);
        group.MapGet("/{id:long}", GetRun);
        return app;
    }

    public static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> PostImport(
        string kind, HttpRequest request, RecordImporter importer, IOptions<ImportOptions> options, HttpContext http,
        CancellationToken ct)
    {
        if (!RecordKinds.TryParse(kind, out var recordKind))
            return Problems.Invalid("kind", $"'{kind}' is not a record kind: use one of {string.Join(", ", RecordKinds.All.Select(k => k.Name()))}.");

        var limit = options.Value.MaxBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
        if (request.ContentLength > limit) return TooLarge(limit);

        var upload = await ReadUploadAsync(request, recordKind, limit, ct);
        if (upload.Problem is not null) return upload.Problem;
        await using var content = upload.Content!;

        var outcome = await importer.ImportFileAsync(content, upload.FileName!, recordKind, upload.ContentType,
            new ImportOrigin("upload", Caller.From(http.User).Name), ct);
        if (outcome.Status == ImportStatus.Refused)
            return Problems.Invalid([new FieldError("file", outcome.Error ?? "was refused")], "The file was refused",
                new Dictionary<string, object?> { ["run_id"] = outcome.RunId, ["kind"] = recordKind.Name() });

        return TypedResults.Ok(new ImportResponse(outcome.RunId, recordKind.Name(), Status(outcome.Status), outcome.Accepted, outcome.Updated,
            outcome.Unchanged, outcome.RejectedRows, outcome.RejectionCount, outcome.Rejections.Select(r => new RejectionResponse(r.Line, r.Column, r.Reason)).ToList()));
    }

    public static async Task<Ok<List<RunResponse>>> ListRuns(KpiDbContext db, int? limit, CancellationToken ct)
    {
        var take = Math.Clamp(limit ?? 100, 1, 1000);
        var runs = await db.ImportRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(take).ToListAsync(ct);
        return TypedResults.Ok(runs.Select(ToResponse).ToList());
    }

    public static async Task<Results<Ok<RunDetailResponse>, ProblemHttpResult>> GetRun(long id, KpiDbContext db, CancellationToken ct)
    {
        var run = await db.ImportRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (run is null) return Problems.NotFound($"There is no import run {id}.");
        var total = await db.ImportRejections.LongCountAsync(r => r.RunId == id, ct);
        var rejected = await db.ImportRejections.AsNoTracking().Where(r => r.RunId == id).OrderBy(r => r.Id)
            .Take(RecordImporter.MaxRejectionsReturned).Select(r => new RejectionResponse(r.Line, r.Column, r.Reason)).ToListAsync(ct);
        return TypedResults.Ok(new RunDetailResponse(ToResponse(run), total, rejected));
    }

    private static RunResponse ToResponse(ImportRun r) => new(r.Id, r.Kind, r.Source, r.FileName, Status(r.Status), r.StartedAt, r.FinishedAt,
        r.Inserted, r.Updated, r.Unchanged, r.RejectedRows, r.Error, r.Actor);

    private static string Status(ImportStatus s) => s.ToString().ToLowerInvariant();

    private static ProblemHttpResult TooLarge(long limit) =>
        Problems.TooLarge($"The file is larger than the {limit} bytes an upload may have (Kpi:Imports:MaxBytes).");

    private sealed record Upload(Stream? Content, string? FileName, string? ContentType, ProblemHttpResult? Problem);

    /// <summary>
    /// The uploaded file, spooled to a temporary file (XLSX needs to seek, and a slow client must not hold a database
    /// transaction open); deleted when disposed.
    /// </summary>
    private static async Task<Upload> ReadUploadAsync(HttpRequest request, RecordKind kind, long limit, CancellationToken ct)
    {
        Stream source;
        string fileName;
        string? contentType;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { MultipartBodyLengthLimit = limit }, ct);
            if (form.Files.Count != 1)
                return new Upload(null, null, null, Problems.Invalid("file", $"A multipart upload carries exactly one file; this one has {form.Files.Count}."));
            var file = form.Files[0];
            source = file.OpenReadStream();
            fileName = Path.GetFileName(file.FileName);
            contentType = file.ContentType;
        }
        else
        {
            source = request.Body;
            var disposition = request.Headers.ContentDisposition.ToString();
            fileName = ContentDispositionHeaderValue.TryParse(disposition, out var d) && d.FileName.HasValue
                ? Path.GetFileName(HeaderUtilities.RemoveQuotes(d.FileName).ToString())
                : $"{kind.Name()}-upload";
            contentType = request.ContentType;
        }
        if (string.IsNullOrWhiteSpace(fileName)) fileName = $"{kind.Name()}-upload";

        var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        await using (source)
        {
            await source.CopyToAsync(spool, ct);
        }
        if (spool.Length > limit)
        {
            await spool.DisposeAsync();
            return new Upload(null, null, null, TooLarge(limit));
        }
        spool.Position = 0;
        return new Upload(spool, fileName, contentType, null);
    }
}
