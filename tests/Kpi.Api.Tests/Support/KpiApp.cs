using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Kpi.Storage;
using Kpi.Testing.Postgres;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Kpi.Api.Tests.Support;

/// <summary>
/// The real API host (<c>Program</c>) on a fresh database of its own, with a known admin key. SQLite files live in a
/// temporary data directory; PostgreSQL gets a new database on the test server.
/// </summary>
public sealed class KpiApp : WebApplicationFactory<Program>
{
    public const string AdminKey = "kpi_test-admin-key-0123456789abcdefghijklmnop";
    public const string AdminUser = "admin";
    public const string AdminPassword = "test-root-secret-0123";
    public const string UserPassword = "a-user-password-0123";
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly Dictionary<string, string?> _settings;
    private readonly TimeProvider? _clock;
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("kpi-api-test-").FullName;

    private KpiApp(Dictionary<string, string?> settings, TimeProvider? clock)
    {
        _settings = settings;
        _clock = clock;
        _settings["Kpi:DataDirectory"] = _dataDirectory;
        _settings.TryAdd("Kpi:Demo:Seed", "false");
        _settings["Kpi:Auth:BootstrapAdminKey"] = AdminKey;
        _settings["Kpi:Auth:BootstrapAdminPassword"] = AdminPassword;
    }

    public string DataDirectory => _dataDirectory;

    /// <param name="clock">The time the host reads everywhere it asks its <see cref="TimeProvider"/>; the machine's by default.</param>
    public static async Task<KpiApp> StartAsync(DatabaseProvider provider = DatabaseProvider.Sqlite, Dictionary<string, string?>? settings = null,
        TimeProvider? clock = null)
    {
        settings ??= [];
        if (provider == DatabaseProvider.Postgres)
        {
            var server = await PostgresServer.GetAsync();
            settings["Kpi:Database:Provider"] = "Postgres";
            settings["Kpi:Database:ConnectionString"] = await server.CreateDatabaseAsync("api");
        }
        var app = new KpiApp(settings, clock);
        _ = app.Server; // start now, so migrations and seeding happen before the first request is timed
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (_clock is { } clock) builder.ConfigureTestServices(services => services.AddSingleton(clock));
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

    /// <summary>Creates a user through the API, as an admin would, with <see cref="UserPassword"/>; returns its id.</summary>
    public async Task<int> NewUserAsync(string username, string role, string[]? departments = null, string? employeeNo = null)
    {
        var response = await Admin().PostAsJsonAsync("/api/users",
            new { username, display_name = username, role, departments = departments ?? [], employee_no = employeeNo, password = UserPassword }, Json);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        Assert.True(response.IsSuccessStatusCode, $"creating {username}: {(int)response.StatusCode} {body}");
        return body.GetProperty("user").GetProperty("id").GetInt32();
    }

    /// <summary>Signs in through <c>POST /api/auth/login</c>; the token pair's body.</summary>
    public async Task<JsonElement> LoginAsync(string username, string password)
    {
        var response = await Anonymous().PostAsJsonAsync("/api/auth/login", new { username, password }, Json);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        Assert.True(response.IsSuccessStatusCode, $"signing in {username}: {(int)response.StatusCode} {body}");
        return body;
    }

    /// <summary>A client that sends a bearer token, as a program signed in as the user would.</summary>
    public async Task<HttpClient> WithTokenAsync(string username, string password = UserPassword)
    {
        var token = (await LoginAsync(username, password)).GetProperty("access_token").GetString()!;
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A browser signed in through the <c>/login</c> form: it carries the session cookie, and follows no redirects.</summary>
    public async Task<HttpClient> BrowserAsync(string username, string password = UserPassword)
    {
        var browser = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await browser.GetStringAsync("/login");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"(__RequestVerificationToken)\" value=\"([^\"]+)\"");
        Assert.True(token.Success, "the sign-in form has no antiforgery token");
        var response = await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Groups[1].Value] = token.Groups[2].Value, ["username"] = username, ["password"] = password, ["returnUrl"] = "/",
        }));
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == "/",
            $"signing in {username}: {(int)response.StatusCode} {response.Headers.Location}");
        return browser;
    }

    /// <summary>
    /// A signed-in browser that also sends the page's antiforgery token with every request, as the portal's pages do:
    /// what a user can do in the browser, as opposed to what a cross-site form riding on their cookie could.
    /// </summary>
    public async Task<HttpClient> BrowserWithTokenAsync(string username, string password = UserPassword)
    {
        var browser = await BrowserAsync(username, password);
        // Tokens are bound to the signed-in user: fetch one now.
        var form = await browser.GetStringAsync("/login");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"");
        browser.DefaultRequestHeaders.Add("X-CSRF-TOKEN", token.Groups[1].Value);
        return browser;
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
