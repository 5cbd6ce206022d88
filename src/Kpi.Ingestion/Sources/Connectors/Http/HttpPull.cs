using System.Net.Http;
using System.Text.Json;
using Kpi.Ingestion.Imports;
using Microsoft.AspNetCore.WebUtilities;

namespace Kpi.Ingestion.Sources.Connectors.Http;

/// <summary>
/// One pull of an http source: the pages in order, the rows in them, and the largest watermark field seen. Requests
/// to the origin of <c>options.url</c> carry the secret headers and query parameters; a next link or a redirect to any
/// other origin is followed without them (and without a secret query value it may carry), so a server cannot send a
/// source's credentials elsewhere. Each page is read through <see cref="PageBody"/>'s caps.
/// </summary>
internal sealed class HttpPull(HttpClient client, HttpOptions options, SourceOptions limits, IReadOnlyList<string> columns, string? since, CancellationToken ct)
{
    private readonly Origin _origin = Origin.Of(new Uri(options.Url!));
    private readonly HashSet<string> _secretValues = [.. options.SecretQuery.Values.Where(v => v.Length > 0)];
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
                return Uri.TryCreate(url, l.GetString(), out var next) && next.Scheme is "http" or "https"
                    ? next
                    : throw new SourceException($"GET {Shown(url)} gave a next link that is not an http(s) URL");
            case HttpPagingMode.PageNumber:
                if (count == 0 || (options.Paging.PageSize is { } size && count < size)) return null;
                _page++;
                return PageUrl(_baseUrl!);
            default:
                return null;
        }
    }

    /// <summary>The URL with every secret query parameter: a next link from the server may leave them out. For the source's origin only.</summary>
    private Uri WithSecrets(Uri url)
    {
        if (options.SecretQuery.Count == 0) return url;
        var present = QueryHelpers.ParseQuery(url.Query);
        var missing = options.SecretQuery.Where(q => !present.ContainsKey(q.Key)).ToDictionary(q => q.Key, q => (string?)q.Value);
        return missing.Count == 0 ? url : new Uri(QueryHelpers.AddQueryString(url.ToString(), missing));
    }

    /// <summary>The URL for another origin: no secret query parameter, by name or by value (a server may echo one into a link).</summary>
    private Uri WithoutSecrets(Uri url)
    {
        if (options.SecretQuery.Count == 0 || url.Query.Length == 0) return url;
        var query = QueryHelpers.ParseQuery(url.Query);
        if (!query.Any(p => p.Value.Any(v => IsOurs(p.Key, v)))) return url;
        var kept = query.SelectMany(p => p.Value.Where(v => !IsOurs(p.Key, v)).Select(v => new KeyValuePair<string, string?>(p.Key, v)));
        return new Uri(QueryHelpers.AddQueryString(url.GetLeftPart(UriPartial.Path), kept) + url.Fragment);
    }

    /// <summary>One of this source's secret query parameters, by name or by value. Others' (a CDN's signed URL) are theirs to keep.</summary>
    private bool IsOurs(string name, string? value) => options.SecretQuery.ContainsKey(name) || (value is not null && _secretValues.Contains(value));

    private bool IsSecret(string name, string? value) => IsOurs(name, value) || CredentialNames.LooksSecret(name);

    /// <summary>The URL as errors and logs may show it: secret and credential-like query parameters masked.</summary>
    private string Shown(Uri url) => HttpConnector.MaskQuery(url.ToString(), url, IsSecret);

    /// <summary>GETs a page, trying again after transient failures; anything else fails the pull with what came back.</summary>
    private async Task<JsonDocument> FetchAsync(Uri page)
    {
        for (var attempt = 0; ; attempt++)
        {
            ct.ThrowIfCancellationRequested();
            // The URL of the request in hand (after any redirects), as errors name it.
            var hop = new Hop();
            string transient;
            try
            {
                using var response = await SendAsync(page, hop);
                var status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    await using var body = await PageBody.OpenAsync(response, limits, ct);
                    try
                    {
                        return await JsonDocument.ParseAsync(body, cancellationToken: ct);
                    }
                    catch (JsonException e)
                    {
                        throw new SourceException($"GET {Shown(hop.Url!)} returned malformed JSON (line {e.LineNumber + 1}): {e.Message.Split(" LineNumber:")[0].TrimEnd('.', ' ')}", e);
                    }
                }
                if (status is not (408 or 429) && status < 500)
                    throw new SourceException($"GET {Shown(hop.Url!)} answered {status} {response.ReasonPhrase}" + (status is 401 or 403
                        ? hop.Secrets
                            ? ": the credentials in options.secret_headers or options.secret_query were refused"
                            : $": no secrets were sent, as they go only to {_origin}"
                        : ""));
                transient = $"answered {status} {response.ReasonPhrase}";
            }
            catch (PageTooLargeException e)
            {
                throw new SourceException($"GET {Shown(hop.Url!)} was not read: {e.Message}", e);
            }
            catch (HttpRequestException e) when (Refusal(e) is { } refused)
            {
                // Where a source may connect is not a transient failure: no retry.
                throw new SourceException($"GET {Shown(hop.Url!)} was refused: {refused.Message}", e);
            }
            catch (HttpRequestException e)
            {
                transient = e.Message;
                if (attempt >= options.Retries) throw new SourceException($"GET {Shown(hop.Url!)} failed after {attempt + 1} tries: {e.Message}", e);
            }
            catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
            {
                transient = $"no answer within {options.TimeoutSeconds} s";
                if (attempt >= options.Retries) throw new SourceException($"GET {Shown(hop.Url!)} failed after {attempt + 1} tries: {transient}", e);
            }
            if (attempt >= options.Retries) throw new SourceException($"GET {Shown(hop.Url!)} failed after {attempt + 1} tries: {transient}");
            await Task.Delay(TimeSpan.FromMilliseconds(500 * Math.Pow(2, attempt)), ct);
        }
    }

    private static SourceException? Refusal(Exception e)
    {
        for (var x = e.InnerException; x is not null; x = x.InnerException)
        {
            if (x is SourceException refused) return refused;
        }
        return null;
    }

    /// <summary>The request a page's GET is at: its URL as sent, and whether the secrets went with it.</summary>
    private sealed class Hop
    {
        public Uri? Url { get; set; }
        public bool Secrets { get; set; }
    }

    /// <summary>
    /// Sends the GET of a page and follows its redirects (GET each time, as browsers do), each hop with the secrets
    /// only if it is on the source's origin. Returns the answer that is not a redirect; <paramref name="hop"/> says
    /// where the last request went.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(Uri url, Hop hop)
    {
        for (var redirects = 0; ; redirects++)
        {
            hop.Secrets = Origin.Of(url) == _origin;
            hop.Url = hop.Secrets ? WithSecrets(url) : WithoutSecrets(url);
            using var request = new HttpRequestMessage(HttpMethod.Get, hop.Url);
            request.Headers.Accept.ParseAdd("application/json");
            request.Headers.TryAddWithoutValidation("Accept-Encoding", PageBody.AcceptEncoding);
            foreach (var (name, value) in options.Headers) request.Headers.TryAddWithoutValidation(name, value);
            if (hop.Secrets)
            {
                foreach (var (name, value) in options.SecretHeaders) request.Headers.TryAddWithoutValidation(name, value);
            }
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if ((int)response.StatusCode is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is not { } location) return response;
            response.Dispose();
            var next = new Uri(url, location);
            if (next.Scheme is not ("http" or "https"))
                throw new SourceException($"GET {Shown(hop.Url)} redirected to a URL that is not http(s)");
            if (redirects >= HttpOptions.MaxRedirects)
                throw new SourceException($"GET {Shown(hop.Url)} was redirected more than {HttpOptions.MaxRedirects} times");
            url = next;
        }
    }
}
