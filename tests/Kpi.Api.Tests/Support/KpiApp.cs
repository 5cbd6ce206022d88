using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Kpi.Storage;
using Kpi.Testing.Postgres;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Kpi.Api.Tests.Support;

/// <summary>
/// The real API host (<c>Program</c>) on a fresh database of its own, with a known admin key. SQLite files live in a
/// temporary data directory; PostgreSQL gets a new database on the test server.
/// </summary>
public sealed class KpiApp : WebApplicationFactory<Program>
{
    public const string AdminKey = "kpi_test-admin-key-0123456789abcdefghijklmnop";
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly Dictionary<string, string?> _settings;
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("kpi-api-test-").FullName;

    private KpiApp(Dictionary<string, string?> settings)
    {
        _settings = settings;
        _settings["Kpi:DataDirectory"] = _dataDirectory;
        _settings.TryAdd("Kpi:Demo:Seed", "false");
        _settings["Kpi:Auth:BootstrapAdminKey"] = AdminKey;
    }

    public string DataDirectory => _dataDirectory;

    public static async Task<KpiApp> StartAsync(DatabaseProvider provider = DatabaseProvider.Sqlite, Dictionary<string, string?>? settings = null)
    {
        settings ??= [];
        if (provider == DatabaseProvider.Postgres)
        {
            var server = await PostgresServer.GetAsync();
            settings["Kpi:Database:Provider"] = "Postgres";
            settings["Kpi:Database:ConnectionString"] = await server.CreateDatabaseAsync("api");
        }
        var app = new KpiApp(settings);
        _ = app.Server; // start now, so migrations and seeding happen before the first request is timed
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    public HttpClient Admin() => WithKey(AdminKey);

    public HttpClient Anonymous() => CreateClient();

    public HttpClient WithKey(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>Creates a key through the API, as an admin would, and returns a client that sends it.</summary>
    public async Task<HttpClient> NewKeyAsync(string role, params string[] departments)
    {
        var response = await Admin().PostAsJsonAsync("/api/keys", new { name = $"{role}-{Guid.NewGuid():N}", role, departments }, Json);
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        return WithKey(created.GetProperty("key").GetString()!);
    }

    public static HttpContent File(byte[] bytes, string contentType, string? fileName = null)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (fileName is not null) content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName };
        return content;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory)) Directory.Delete(_dataDirectory, recursive: true);
    }
}
