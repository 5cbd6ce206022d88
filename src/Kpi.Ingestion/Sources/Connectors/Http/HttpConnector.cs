using Kpi.Domain;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kpi.Domain.Records;
using Kpi.Ingestion.Imports;
using Microsoft.AspNetCore.WebUtilities;

namespace Kpi.Ingestion.Sources.Connectors.Http;

/// <summary>
/// GETs JSON pages from a source system's API and imports every record of a pull in one transaction, streaming:
/// pages are fetched as the importer asks for rows, so memory holds about one page whatever the pull's size. The
/// watermark (the largest <c>watermark.field</c> seen) is committed with the records.
/// </summary>
public sealed class HttpConnector : ISourceConnector
{
    // One handler for every pull: connections are reused and DNS changes are picked up every few minutes.
    private static readonly SocketsHttpHandler Handler = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AutomaticDecompression = DecompressionMethods.All };

    public string Name => "http";

    public JsonObject? Prepare(JsonObject? options, string? stored, List<FieldError> problems)
    {
        var o = SourceJson.Read<HttpOptions>(options, problems);
        if (o is null) return null;
        var kept = stored is null ? null : SourceJson.Parse<HttpOptions>(stored);
        KeepMaskedSecrets(o.SecretHeaders, kept?.SecretHeaders, "options.secret_headers", problems);
        KeepMaskedSecrets(o.SecretQuery, kept?.SecretQuery, "options.secret_query", problems);
        o.Validate(problems);
        return problems.Count > 0 ? null : SourceJson.Write(o);
    }

    /// <summary>A secret sent back as the mask keeps the value stored before under the same name.</summary>
    private static void KeepMaskedSecrets(Dictionary<string, string> given, Dictionary<string, string>? kept, string field, List<FieldError> problems)
    {
        foreach (var (name, value) in given.ToList())
        {
            if (value != SourceJson.Mask) continue;
            if (kept?.TryGetValue(name, out var secret) == true) given[name] = secret;
            else problems.Add(new($"{field}.{name}", $"give the value: '{SourceJson.Mask}' only keeps a value stored before"));
        }
    }

    public JsonObject Describe(string stored)
    {
        var o = SourceJson.Parse<HttpOptions>(stored);
        o.SecretHeaders = o.SecretHeaders.ToDictionary(h => h.Key, _ => SourceJson.Mask);
        o.SecretQuery = o.SecretQuery.ToDictionary(q => q.Key, _ => SourceJson.Mask);
        return SourceJson.Write(o);
    }

    public async Task RunAsync(SourceRunContext context, CancellationToken ct)
    {
        var options = SourceJson.Parse<HttpOptions>(context.Source.Options);
        using var client = new HttpClient(Handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds) };
        var pull = new Pull(client, options, context.Kind.Columns(), context.Watermark?.Value ?? options.Watermark?.Initial, ct);
        // The first page is fetched before the import starts: an unreachable server or refused credentials fail the
        // run without leaving an empty import behind.
        var first = await pull.FetchFirstAsync();
        await context.ImportAsync(pull.Rows(first), null, () => pull.Reached, ct);
        context.Run.Batches = pull.Pages;
    }

    /// <summary>One pull: the pages in order, the rows in them, and the largest watermark field seen.</summary>
    private sealed class Pull(HttpClient client, HttpOptions options, IReadOnlyList<string> columns, string? since, CancellationToken ct)
    {
        private int _page = options.Paging.FirstPage;
        // The first page's URL without the page number: page_number paging sets the number on it for every page.
        private Uri? _baseUrl;

        public int Pages { get; private set; }
        private readonly WatermarkTracker _reached = new();
        private readonly JsonRows _rows = new(columns, options.Watermark?.Field);

        public Watermark? Reached => _reached.Reached;

        public async Task<(JsonDocument Page, Uri Url)> FetchFirstAsync()
        {
            var url = options.Url!;
            if (options.Watermark is { } w && since is not null) url = QueryHelpers.AddQueryString(url, w.Parameter, since);
            if (options.Paging.PageSize is { } size) url = QueryHelpers.AddQueryString(url, options.Paging.PageSizeParameter!, size.ToString());
            _baseUrl = new Uri(url);
            var first = PageUrl(_baseUrl);
            return (await FetchAsync(first), first);
        }

        public IEnumerable<SourceRow> Rows((JsonDocument Page, Uri Url) first)
        {
            var (page, url) = first;
            var line = 0;
            while (true)
            {
                Task<JsonDocument>? prefetch = null;
                var handedOver = false;
                try
                {
                    Pages++;
                    var items = Items(page, url);
                    var next = Next(page, url, items.GetArrayLength());
                    if (next is not null && Pages >= options.MaxPages)
                        throw new SourceException($"GET {Shown(url)} still had a next page after {options.MaxPages} pages (options.max_pages).");
                    // The next page is on its way while this one's rows are parsed and merged.
                    // Asynchronous: no thread waits on the network meanwhile (on two cores a blocked pool thread stalls the merge).
                    if (next is not null) prefetch = FetchAsync(next);
                    foreach (var item in items.EnumerateArray())
                    {
                        var row = _rows.Read(item, ++line, out var marker);
                        if (marker is not null) _reached.Offer(marker);
                        yield return row;
                    }
                    handedOver = true;
                    if (next is null) yield break;
                    url = next;
                }
                finally
                {
                    page.Dispose();
                    // Stopped early (a failure downstream): the page in flight is not wanted; dispose it, observe its failure.
                    if (!handedOver) prefetch?.ContinueWith(t => { if (t.IsCompletedSuccessfully) t.Result.Dispose(); else _ = t.Exception; }, TaskScheduler.Default);
                }
                page = prefetch!.GetAwaiter().GetResult();
            }
        }

        private Uri PageUrl(Uri baseUrl) =>
            options.Paging.Mode == HttpPagingMode.PageNumber
                ? new Uri(QueryHelpers.AddQueryString(baseUrl.ToString(), options.Paging.PageParameter!, _page.ToString()))
                : baseUrl;

        private JsonElement Items(JsonDocument page, Uri url)
        {
            var items = JsonRows.At(page.RootElement, options.ItemsPath);
            if (items is not { ValueKind: JsonValueKind.Array } array)
                throw new SourceException(string.IsNullOrWhiteSpace(options.ItemsPath)
                    ? $"GET {Shown(url)} returned a page that is not a JSON array of records"
                    : $"GET {Shown(url)} returned a page without an array of records at '{options.ItemsPath}' (options.items_path)");
            return array;
        }

        private Uri? Next(JsonDocument page, Uri url, int count)
        {
            switch (options.Paging.Mode)
            {
                case HttpPagingMode.NextLink:
                    var link = JsonRows.At(page.RootElement, options.Paging.NextPath);
                    if (link is not { ValueKind: JsonValueKind.String } l || string.IsNullOrWhiteSpace(l.GetString())) return null;
                    return Uri.TryCreate(url, l.GetString(), out var next)
                        ? next
                        : throw new SourceException($"GET {Shown(url)} gave a next link that is not a URL");
                case HttpPagingMode.PageNumber:
                    if (count == 0 || (options.Paging.PageSize is { } size && count < size)) return null;
                    _page++;
                    return PageUrl(_baseUrl!);
                default:
                    return null;
            }
        }

        /// <summary>The URL with every secret query parameter: a next link from the server may leave them out.</summary>
        private Uri WithSecrets(Uri url)
        {
            if (options.SecretQuery.Count == 0) return url;
            var present = QueryHelpers.ParseQuery(url.Query);
            var missing = options.SecretQuery.Where(q => !present.ContainsKey(q.Key)).ToDictionary(q => q.Key, q => (string?)q.Value);
            return missing.Count == 0 ? url : new Uri(QueryHelpers.AddQueryString(url.ToString(), missing));
        }

        /// <summary>The URL as errors and logs may show it: secret query parameters masked.</summary>
        private string Shown(Uri url)
        {
            if (options.SecretQuery.Count == 0 || url.Query.Length == 0) return url.ToString();
            var query = QueryHelpers.ParseQuery(url.Query)
                .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, options.SecretQuery.ContainsKey(p.Key) ? SourceJson.Mask : v)));
            return QueryHelpers.AddQueryString(url.GetLeftPart(UriPartial.Path), query);
        }

        /// <summary>GETs a page, trying again after transient failures; anything else fails the pull with what came back.</summary>
        private async Task<JsonDocument> FetchAsync(Uri page)
        {
            var url = WithSecrets(page);
            for (var attempt = 0; ; attempt++)
            {
                ct.ThrowIfCancellationRequested();
                string transient;
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, url);
                    request.Headers.Accept.ParseAdd("application/json");
                    foreach (var (name, value) in options.Headers.Concat(options.SecretHeaders)) request.Headers.TryAddWithoutValidation(name, value);
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                    var status = (int)response.StatusCode;
                    if (response.IsSuccessStatusCode)
                    {
                        await using var body = await response.Content.ReadAsStreamAsync(ct);
                        try
                        {
                            return await JsonDocument.ParseAsync(body, cancellationToken: ct);
                        }
                        catch (JsonException e)
                        {
                            throw new SourceException($"GET {Shown(url)} returned malformed JSON (line {e.LineNumber + 1}): {e.Message.Split(" LineNumber:")[0].TrimEnd('.', ' ')}", e);
                        }
                    }
                    if (status is not (408 or 429) && status < 500)
                        throw new SourceException($"GET {Shown(url)} answered {status} {response.ReasonPhrase}"
                            + (status is 401 or 403 ? ": the credentials in options.secret_headers or options.secret_query were refused" : ""));
                    transient = $"answered {status} {response.ReasonPhrase}";
                }
                catch (HttpRequestException e)
                {
                    transient = e.Message;
                    if (attempt >= options.Retries) throw new SourceException($"GET {Shown(url)} failed after {attempt + 1} tries: {e.Message}", e);
                }
                catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
                {
                    transient = $"no answer within {options.TimeoutSeconds} s";
                    if (attempt >= options.Retries) throw new SourceException($"GET {Shown(url)} failed after {attempt + 1} tries: {transient}", e);
                }
                if (attempt >= options.Retries) throw new SourceException($"GET {Shown(url)} failed after {attempt + 1} tries: {transient}");
                await Task.Delay(TimeSpan.FromMilliseconds(500 * Math.Pow(2, attempt)), ct);
            }
        }
    }
}
