using System.Buffers;
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
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

namespace Kpi.Api.Imports;

/// <summary>
/// Uploads (admin only): <c>POST /api/imports/{kind}</c> with the file as the body (<c>text/csv</c>, the XLSX media type
/// or <c>application/json</c>) or as the one file of a <c>multipart/form-data</c> form; the run history under
/// <c>GET /api/imports</c>. Valid rows are stored even when others are refused; a file that cannot be read at all is
/// refused whole with a 400 and stores nothing.
/// </summary>
/// <remarks>
/// The body is copied to a spool file under the data directory (<see cref="ImportSpool"/>) as it arrives, counting
/// bytes: a body over <c>Kpi:Imports:MaxBytes</c> is a 413 however it is sent (with or without Content-Length, raw or
/// as a form), and its copy is closed and gone at once. The content type is checked here rather than by routing, so
/// that an unsupported one gets a 415 that names it and the accepted ones, after authentication like every answer.
/// </remarks>
public static class ImportsApi
{
    /// <summary>The content types an upload may declare.</summary>
    public static readonly IReadOnlyList<string> AcceptedContentTypes =
        [ImportFormats.CsvContentType, ImportFormats.XlsxContentType, ImportFormats.JsonContentType, "multipart/form-data"];

    /// <summary>What a multipart body may carry beyond its file: boundaries, part headers, a few small fields.</summary>
    private const long MultipartOverhead = 1 << 20;

    public sealed record RejectionResponse(int Line, string Column, string Reason);

    public sealed record ImportResponse(
        long RunId, string Kind, string Status, long Accepted, long Updated, long Unchanged, long RejectedRows, long RejectedTotal,
        IReadOnlyList<RejectionResponse> Rejected);

    public sealed record RunResponse(
        long Id, string Kind, string Source, string? FileName, string Status, DateTime StartedAt, DateTime? FinishedAt,
        long Accepted, long Updated, long Unchanged, long RejectedRows, string? Error, string? Actor);

    /// <param name="RejectedTotal">The rejections kept with the run; every one when <paramref name="RejectionsCapped"/> is false.</param>
    /// <param name="RejectionsCapped">
    /// The run counted more rejections than it keeps (<see cref="RecordImporter.MaxRejectionsStored"/>); the entry on
    /// line 0 of <paramref name="Rejected"/> says how many more, and the upload's own answer counted them all.
    /// </param>
    public sealed record RunDetailResponse(RunResponse Run, long RejectedTotal, bool RejectionsCapped, IReadOnlyList<RejectionResponse> Rejected);

    public static IEndpointRouteBuilder MapImportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/imports").WithTags("Imports").RequireAuthorization(AuthHosting.Admin);
        group.MapPost("/{kind}", PostImport).DisableAntiforgery().AddOpenApiOperationTransformer(DescribeUpload)
            .WithSummary("Upload a file of records of one kind (departments, staff, production …) (admin)")
            .WithDescription("Valid rows are stored even when others are refused; the answer counts them and lists each refused row by line and "
                             + "column. 400 for an unknown kind, or a file that cannot be read at all (nothing is stored; run_id names the run); "
                             + "413 over Kpi:Imports:MaxBytes; 415 for a content type other than CSV, XLSX, JSON or a multipart form.");
        group.MapGet("/", ListRuns).WithSummary("Import runs, uploads and source pulls alike, newest first (admin)")
            .WithDescription("limit: how many, 1–1000 (default 100; others are clamped).");
        group.MapGet("/{id:long}", GetRun).WithSummary("One import run with the rows it refused (admin)")
            .WithDescription("404 for an unknown run. When the run refused more rows than it keeps, rejections_capped is true and the entry on "
                             + "line 0 says how many more.");
        return app;
    }

    public static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> PostImport(
        string kind, HttpRequest request, RecordImporter importer, IOptions<ImportOptions> options, IOptions<KpiOptions> kpi, HttpContext http,
        CancellationToken ct)
    {
        if (!RecordKinds.TryParse(kind, out var recordKind))
            return Problems.Invalid("kind", $"'{kind}' is not a record kind: use one of {string.Join(", ", RecordKinds.All.Select(k => k.Name()))}.");

        if (Unsupported(request.ContentType) is { } unsupported) return unsupported;

        var limit = options.Value.MaxBytes;
        var bodyLimit = request.HasFormContentType ? limit + MultipartOverhead : limit;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = bodyLimit;
        if (request.ContentLength > bodyLimit) return TooLarge(limit);

        Upload upload;
        try
        {
            upload = await ReadUploadAsync(request, recordKind, limit, ImportSpool.FolderIn(kpi.Value.DataPath), ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // The server's own limit (set above) stopped a body without Content-Length.
            return TooLarge(limit);
        }
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
        var rejections = db.ImportRejections.AsNoTracking().Where(r => r.RunId == id);
        var stored = await rejections.LongCountAsync(ct);
        // The importer's count of what it did not keep is the one rejection on line 0 with no column.
        var capped = await rejections.AnyAsync(r => r.Line == 0 && r.Column == "", ct);
        var rejected = await rejections.OrderBy(r => r.Id)
            .Take(RecordImporter.MaxRejectionsStored + 1).Select(r => new RejectionResponse(r.Line, r.Column, r.Reason)).ToListAsync(ct);
        return TypedResults.Ok(new RunDetailResponse(ToResponse(run), capped ? stored - 1 : stored, capped, rejected));
    }

    private static RunResponse ToResponse(ImportRun r) => new(r.Id, r.Kind, r.Source, r.FileName, Status(r.Status), r.StartedAt, r.FinishedAt,
        r.Inserted, r.Updated, r.Unchanged, r.RejectedRows, r.Error, r.Actor);

    private static string Status(ImportStatus s) => s.ToString().ToLowerInvariant();

    private static ProblemHttpResult TooLarge(long limit) =>
        Problems.TooLarge($"The file is larger than the {limit} bytes an upload may have (Kpi:Imports:MaxBytes).");

    /// <summary>A 415 naming the type sent and the ones accepted; null when the type is one of them.</summary>
    private static ProblemHttpResult? Unsupported(string? contentType)
    {
        string detail;
        if (string.IsNullOrWhiteSpace(contentType))
        {
            detail = "The upload has no Content-Type";
        }
        else if (MediaTypeHeaderValue.TryParse(contentType, out var media) && media.MediaType.Value is { } type)
        {
            if (AcceptedContentTypes.Contains(type, StringComparer.OrdinalIgnoreCase)) return null;
            detail = $"The content type '{Cut(type)}' is not one an import reads";
        }
        else
        {
            detail = $"The Content-Type '{Cut(contentType)}' is not a media type";
        }
        return TypedResults.Problem(
            $"{detail}: send the file as {string.Join(", ", AcceptedContentTypes.SkipLast(1))}, or as the one file of a {AcceptedContentTypes[^1]} form.",
            statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
            extensions: new Dictionary<string, object?> { ["accepted"] = AcceptedContentTypes });
    }

    private static string Cut(string text) => text.Length <= 100 ? text : text[..99] + "…";

    private sealed record Upload(Stream? Content, string? FileName, string? ContentType, ProblemHttpResult? Problem)
    {
        public static Upload Refused(ProblemHttpResult problem) => new(null, null, null, problem);
    }

    /// <summary>
    /// The uploaded file, spooled as it arrives (XLSX needs to seek, and a slow client must not hold a database
    /// transaction open) and counted: past <paramref name="limit"/> bytes the copy stops and is closed, and the answer
    /// is a 413. The spool file is deleted when the returned stream is disposed; on a refusal or an error, at once.
    /// </summary>
    private static async Task<Upload> ReadUploadAsync(HttpRequest request, RecordKind kind, long limit, string spoolFolder, CancellationToken ct)
    {
        var spool = ImportSpool.Create(spoolFolder);
        try
        {
            var upload = request.HasFormContentType
                ? await ReadFormFileAsync(request, spool, limit, ct)
                : await CopyAtMostAsync(request.Body, spool, limit, ct)
                    ? new Upload(null, FileNameOf(request.Headers.ContentDisposition.ToString()), request.ContentType, null)
                    : Upload.Refused(TooLarge(limit));
            if (upload.Problem is not null)
            {
                await spool.DisposeAsync();
                return upload;
            }
            spool.Position = 0;
            var fileName = string.IsNullOrWhiteSpace(upload.FileName) ? $"{kind.Name()}-upload" : upload.FileName;
            return upload with { Content = spool, FileName = fileName };
        }
        catch (Exception)
        {
            await spool.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The one file of a multipart form, read section by section straight into the spool (never buffered by the
    /// framework into its own temporary files). Other fields are read past; they count against the limit too.
    /// </summary>
    private static async Task<Upload> ReadFormFileAsync(HttpRequest request, FileStream spool, long limit, CancellationToken ct)
    {
        var boundary = MediaTypeHeaderValue.TryParse(request.ContentType, out var media) ? HeaderUtilities.RemoveQuotes(media.Boundary).Value : null;
        if (string.IsNullOrEmpty(boundary) || request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) != true)
            return Upload.Refused(Problems.Invalid("file", "A form upload is multipart/form-data with a boundary, and carries the file as its one file."));

        var reader = new MultipartReader(boundary, request.Body);
        Upload? file = null;
        var files = 0;
        var left = limit;
        try
        {
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                var isFile = ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition();
                if (isFile && ++files > 1)
                    return Upload.Refused(Problems.Invalid("file", "A multipart upload carries exactly one file; this one has more."));
                var target = isFile ? (Stream)spool : Stream.Null;
                if (!await CopyAtMostAsync(section.Body, target, left, ct, counted: n => left -= n)) return Upload.Refused(TooLarge(limit));
                if (isFile) file = new Upload(null, FileNameOf(section.ContentDisposition), section.ContentType, null);
            }
        }
        catch (InvalidDataException e)
        {
            return Upload.Refused(Problems.Invalid("file", $"The multipart form cannot be read: {e.Message}"));
        }
        return file ?? Upload.Refused(Problems.Invalid("file", "A multipart upload carries exactly one file; this one has 0."));
    }

    /// <summary>Copies <paramref name="source"/> to its end, or stops and answers false once it has given more than <paramref name="limit"/> bytes.</summary>
    private static async Task<bool> CopyAtMostAsync(Stream source, Stream target, long limit, CancellationToken ct, Action<int>? counted = null)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            long total = 0;
            int n;
            while ((n = await source.ReadAsync(buffer, ct)) > 0)
            {
                total += n;
                counted?.Invoke(n);
                if (total > limit) return false;
                await target.WriteAsync(buffer.AsMemory(0, n), ct);
            }
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The file name a Content-Disposition gives (its <c>filename*</c>, else <c>filename</c>), without any folder; null when none.</summary>
    private static string? FileNameOf(string? contentDisposition)
    {
        if (!ContentDispositionHeaderValue.TryParse(contentDisposition, out var d)) return null;
        var name = d.FileNameStar.HasValue ? d.FileNameStar : d.FileName;
        return name.HasValue ? Path.GetFileName(HeaderUtilities.RemoveQuotes(name).ToString()) : null;
    }

    /// <summary>OpenAPI: the body the handler reads, in each accepted content type (routing no longer declares them).</summary>
    private static Task DescribeUpload(OpenApiOperation operation, Microsoft.AspNetCore.OpenApi.OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var binary = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "The file: CSV, XLSX (first sheet) or a JSON array of objects, as the body or as the one file of a form.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ImportFormats.CsvContentType] = new() { Schema = binary },
                [ImportFormats.XlsxContentType] = new() { Schema = binary },
                [ImportFormats.JsonContentType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Array } },
                ["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Properties = new Dictionary<string, IOpenApiSchema> { ["file"] = binary },
                    },
                },
            },
        };
        return Task.CompletedTask;
    }
}
