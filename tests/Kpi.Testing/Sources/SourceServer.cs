using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kpi.Testing.Sources;

/// <summary>
/// A real HTTP server on loopback standing in for a source system's API: production records with an
/// <c>updated_at</c>, served in pages with a next link (<c>?updated_since=…&amp;page=…</c>), filtered at or after
/// <c>updated_since</c>. Tests change its records, make pages slow, fail requests or garble a page.
/// </summary>
public sealed class SourceServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly object _gate = new();
    private List<ServedRecord> _records = [];

    private SourceServer(WebApplication app) => _app = app;

    public sealed record ServedRecord(string RecordId, string Department, string Date, decimal Planned, decimal Actual, DateTime UpdatedAt);

    public string Url => $"{_app.Urls.First()}/production";

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

    private async Task Page(HttpContext http)
    {
        Interlocked.Increment(ref Requests);
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
            ? $"/production?page={page + 1}" + (since is null ? "" : $"&updated_since={Uri.EscapeDataString(since)}")
            : null;
        var json = JsonSerializer.Serialize(new { items, next });
        if (GarbledPage == page) json = json[..(json.Length / 2)];
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(json);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
