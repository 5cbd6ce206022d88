using Kpi.Api.Auth;
using Kpi.Api.Imports;
using Kpi.Ingestion.Imports;
using Kpi.Storage;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Kpi.Api.Portal.Operations;

/// <summary>
/// <c>POST /operations/imports/upload</c>: the imports page's upload form (multipart: the antiforgery token and the
/// kind first, then the file). The token and the kind are read from the head of the body; then the whole body goes to
/// <see cref="ImportsApi.PostImport"/> — the API's own upload, with its spool, limits and answers — and the browser is
/// sent to the run's page, which names every refused row. Nothing is imported without a valid token.
/// </summary>
public static class ImportUpload
{
    public const string Path = "/operations/imports/upload";

    /// <summary>How much of the body is read to find the fields before the file: they are small and come first.</summary>
    private const int HeadBytes = 16 * 1024;

    public static void MapImportUpload(this WebApplication app) =>
        app.MapPost(Path, UploadAsync).RequireAuthorization(AuthHosting.Admin).DisableAntiforgery().ExcludeFromDescription();

    private static async Task<IResult> UploadAsync(HttpContext http, IAntiforgery antiforgery, RecordImporter importer, IOptions<ImportOptions> options,
        IOptions<KpiOptions> kpi, CancellationToken ct)
    {
        var request = http.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media) || !request.HasFormContentType
            || HeaderUtilities.RemoveQuotes(media.Boundary).Value is not { Length: > 0 } boundary)
            return Back("form");
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = options.Value.MaxBytes + (1 << 20);

        var head = new byte[HeadBytes];
        var read = await request.Body.ReadAtLeastAsync(head, HeadBytes, throwOnEndOfStream: false, ct);
        var fields = await FieldsBeforeFileAsync(head.AsMemory(0, read), boundary, ct);

        // The token travels in the form, ahead of the file; the antiforgery check reads it from the header it is put in.
        request.Headers["X-CSRF-TOKEN"] = fields.GetValueOrDefault("__RequestVerificationToken") ?? "";
        if (!await antiforgery.IsRequestValidAsync(http)) return Back("token");
        var kind = fields.GetValueOrDefault("kind");
        if (string.IsNullOrEmpty(kind)) return Back("kind");

        request.Body = new Kpi.Ingestion.Files.PrefixedStream(head, read, request.Body);
        var result = await ImportsApi.PostImport(kind, request, importer, options, kpi, http, ct);
        return result.Result switch
        {
            Ok<ImportsApi.ImportResponse> ok => Results.Redirect($"/operations/imports/{ok.Value!.RunId}"),
            ProblemHttpResult { ProblemDetails.Extensions: var ext } when ext.TryGetValue("run_id", out var run) && run is long id =>
                Results.Redirect($"/operations/imports/{id}"),
            ProblemHttpResult { StatusCode: StatusCodes.Status413PayloadTooLarge } => Back("too_large"),
            ProblemHttpResult { StatusCode: StatusCodes.Status415UnsupportedMediaType } => Back("type"),
            _ => Back("file"),
        };
    }

    /// <summary>A fixed reason the page words itself: no text of the request is ever shown back.</summary>
    private static IResult Back(string problem) => Results.Redirect($"/operations/imports?problem={problem}");

    private static async Task<Dictionary<string, string>> FieldsBeforeFileAsync(ReadOnlyMemory<byte> head, string boundary, CancellationToken ct)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = new MultipartReader(boundary, new MemoryStream(head.ToArray(), writable: false));
        try
        {
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var d) || d.IsFileDisposition()) break;
                var name = HeaderUtilities.RemoveQuotes(d.Name).Value;
                if (name is null) continue;
                using var text = new StreamReader(section.Body);
                fields[name] = await text.ReadToEndAsync(ct);
            }
        }
        catch (IOException)
        {
            // The head ends inside a section: the fields before it are all there is to read here.
        }
        catch (InvalidDataException)
        {
        }
        return fields;
    }
}
