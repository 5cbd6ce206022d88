using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Kpi.Testing.Sources;

/// <summary>
/// A real HTTP server on loopback standing in for a source system's API: production records with an
/// <c>updated_at</c>, served in pages with a next link (<c>?updated_since=…&amp;page=…</c>), filtered at or after
/// <c>updated_since</c>. Tests change its records, make pages slow, fail requests or garble a page; send next links
/// or redirects to another server; pad or compress pages; and read back every request it was sent.
/// </summary>
public sealed class SourceServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly object _gate = new();
    private List<ServedRecord> _records = [];

    private SourceServer(WebApplication app) => _app = app;

    public sealed record ServedRecord(string RecordId, string Department, string Date, decimal Planned, decimal Actual, DateTime UpdatedAt);

    public string Url => $"{Origin}/production";

    /// <summary><c>http://127.0.0.1:{port}</c>.</summary>
    public string Origin => _app.Urls.First();

    /// <summary>Answers 302 to <see cref="RedirectTarget"/> (with the request's query string appended).</summary>
    public string RedirectUrl => $"{Origin}/redirect";

    public string? RedirectTarget { get; set; }

    /// <summary>When set, next links are absolute URLs on this origin (another server) instead of relative ones.</summary>
    public string? NextOrigin { get; set; }

    /// <summary>When set, next links carry this extra query text (e.g. a secret the server echoes back).</summary>
    public string? NextExtraQuery { get; set; }

    /// <summary>Every request: its path and query, and its headers.</summary>
    public ConcurrentQueue<SeenRequest> Seen { get; } = new();

    public sealed record SeenRequest(string PathAndQuery, IReadOnlyDictionary<string, string> Headers);

    /// <summary>Pages carry this many spaces of padding inside the JSON (valid, but large once inflated).</summary>
    public long PaddingBytes { get; set; }

    /// <summary>Pages are sent gzip-compressed (Content-Encoding: gzip).</summary>
    public bool Gzip { get; set; }

    /// <summary>When set, every request is answered 400 with the Authorization header it carried as the reason phrase.</summary>
    public bool EchoAuthorizationInReason { get; set; }

    /// <summary>Requests answered, pages included; failures included.</summary>
    public int Requests;

    public int PageSize { get; set; } = 500;

    /// <summary>The next this many requests answer 503.</summary>
    public int FailNext;

    /// <summary>When set, a request without <c>Authorization: Bearer {token}</c> gets 401.</summary>
    public string? RequiredToken { get; set; }

    /// <summary>When set, a request without the query parameter <c>api_key={key}</c> gets 401 (next links never carry it).</summary>
    public string? RequiredApiKey { get; set; }

    /// <summary>A page with this number (1-based) is sent cut short, as malformed JSON.</summary>
    public int? GarbledPage { get; set; }

    public TimeSpan PageDelay { get; set; }

    /// <summary>The <c>updated_since</c> values received, in order.</summary>
    public List<string?> SinceSeen { get; } = [];

    public static async Task<SourceServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new SourceServer(app);
        app.MapGet("/production", server.Page);
        app.MapGet("/redirect", server.Redirect);
        await app.StartAsync();
        return server;
    }

    public void Serve(IEnumerable<ServedRecord> records)
    {
        lock (_gate) _records = [.. records];
    }

    /// <summary><paramref name="count"/> production records of department D1, all updated at <paramref name="updatedAt"/> plus their index in seconds.</summary>
    public static List<ServedRecord> Production(int count, DateTime updatedAt, int actualOffset = 0, int first = 0) =>
        [.. Enumerable.Range(first, count).Select(i => new ServedRecord($"P{i:D7}", i % 2 == 0 ? "D1" : "D2",
            new DateOnly(2026, 10, 1).AddDays(i % 28).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            100 + i % 7, 90 + i % 11 + actualOffset, updatedAt.AddSeconds(i)))];

    private void Redirect(HttpContext http)
    {
        Record(http);
        http.Response.StatusCode = 302;
        http.Response.Headers.Location = RedirectTarget + http.Request.QueryString;
    }

    private void Record(HttpContext http) =>
        Seen.Enqueue(new SeenRequest(http.Request.Path + http.Request.QueryString,
            http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));

    private async Task Page(HttpContext http)
    {
        Interlocked.Increment(ref Requests);
        Record(http);
        if (EchoAuthorizationInReason)
        {
            http.Response.StatusCode = 400;
            http.Features.Get<IHttpResponseFeature>()!.ReasonPhrase = $"Bad token {http.Request.Headers.Authorization}";
            return;
        }
        if (Interlocked.Decrement(ref FailNext) >= 0)
        {
            http.Response.StatusCode = 503;
            return;
        }
        Interlocked.Exchange(ref FailNext, Math.Max(0, FailNext));
        if (RequiredToken is not null && http.Request.Headers.Authorization.ToString() != $"Bearer {RequiredToken}")
        {
            http.Response.StatusCode = 401;
            return;
        }
        if (RequiredApiKey is not null && http.Request.Query["api_key"].ToString() != RequiredApiKey)
        {
            http.Response.StatusCode = 401;
            return;
        }
        var since = http.Request.Query["updated_since"].FirstOrDefault();
        var page = int.TryParse(http.Request.Query["page"], out var p) ? p : 1;
        List<ServedRecord> matching;
        lock (_gate)
        {
            SinceSeen.Add(since);
            var from = since is null ? DateTime.MinValue : DateTime.Parse(since, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
            matching = [.. _records.Where(r => r.UpdatedAt >= from).OrderBy(r => r.UpdatedAt).ThenBy(r => r.RecordId)];
        }
        if (PageDelay > TimeSpan.Zero) await Task.Delay(PageDelay);
        var items = matching.Skip((page - 1) * PageSize).Take(PageSize).Select(r => new Dictionary<string, object>
        {
            ["record_id"] = r.RecordId, ["department"] = r.Department, ["date"] = r.Date, ["planned_qty"] = r.Planned, ["actual_qty"] = r.Actual,
            ["updated_at"] = r.UpdatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), ["line"] = "L1",
        }).ToList();
        string? next = matching.Count > page * PageSize
            ? $"{NextOrigin}/production?page={page + 1}" + (since is null ? "" : $"&updated_since={Uri.EscapeDataString(since)}") + NextExtraQuery
            : null;
        var json = JsonSerializer.Serialize(new { items, next });
        if (GarbledPage == page) json = json[..(json.Length / 2)];
        http.Response.ContentType = "application/json";
        if (PaddingBytes == 0 && !Gzip)
        {
            await http.Response.WriteAsync(json);
            return;
        }
        // Padding goes after the opening brace: whitespace, so the page stays valid JSON however large it gets.
        var bytes = Encoding.UTF8.GetBytes(json);
        if (!Gzip)
        {
            await WritePaddedAsync(http.Response.Body, bytes);
            return;
        }
        http.Response.Headers.ContentEncoding = "gzip";
        await using var gzip = new GZipStream(http.Response.Body, CompressionLevel.Fastest, leaveOpen: true);
        await WritePaddedAsync(gzip, bytes);
    }

    private async Task WritePaddedAsync(Stream body, byte[] json)
    {
        await body.WriteAsync(json.AsMemory(0, 1));
        var spaces = new byte[64 * 1024];
        Array.Fill(spaces, (byte)' ');
        for (var left = PaddingBytes; left > 0; left -= spaces.Length)
            await body.WriteAsync(spaces.AsMemory(0, (int)Math.Min(left, spaces.Length)));
        await body.WriteAsync(json.AsMemory(1));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
