using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kpi.Domain.Periods;
using Kpi.Testing.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kpi.Portal.Tests.Support;

/// <summary>
/// The real API host (<c>Program</c>) with the demo company on SQLite, served by Kestrel on a loopback port so a real
/// browser can reach it, last month closed (packs rendered), and one headless Debian chromium shared by the tests.
/// </summary>
public sealed class PortalApp : IAsyncLifetime
{
    public const string AdminKey = "kpi_test-admin-key-0123456789abcdefghijklmnop";
    public const string AdminUser = "admin";
    public const string AdminPassword = "test-root-secret-0123";
    /// <summary>The demo users' password (Kpi.Demo.DemoUsers).</summary>
    public const string DemoPassword = Kpi.Demo.DemoUsers.Password;
    public static string ChromiumPath => BrowserEnvironment.ChromiumPath;
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The month the fixture closes: last month in the company's time zone.</summary>
    public static readonly string Month = CompanyTimeZone.Default.MonthOf(DateTime.UtcNow).Previous.ToString();

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("kpi-portal-test-").FullName;
    private Factory? _factory;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (BrowserEnvironment.SkipReason is not null) return; // every test of the class is skipped: no host to start
        _factory = new Factory(new Dictionary<string, string?>
        {
            ["Kpi:DataDirectory"] = _dataDirectory, ["Kpi:Demo:Seed"] = "true", ["Kpi:Close:ScheduleEnabled"] = "false",
            ["Kpi:Auth:BootstrapAdminKey"] = AdminKey, ["Kpi:Auth:BootstrapAdminPassword"] = AdminPassword,
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1").TrimEnd('/');

        await CloseMonthAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true });
    }

    public HttpClient Admin()
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        return client;
    }

    /// <summary>A new browser context (own cookies) in <paramref name="locale"/>, with downloads allowed.</summary>
    public Task<IBrowserContext> ContextAsync(string locale = "zh-CN") =>
        Browser.NewContextAsync(new() { BaseURL = BaseUrl, Locale = locale, AcceptDownloads = true, ViewportSize = new() { Width = 1280, Height = 900 } });

    /// <summary>A page signed in through the <c>/login</c> form, as a person would.</summary>
    public async Task<IPage> SignedInAsync(string user, string password = DemoPassword, string locale = "zh-CN")
    {
        var context = await ContextAsync(locale);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.Locator("#username").FillAsync(user);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("form.stack button[type=submit]").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.DoesNotContain("/login", page.Url);
        return page;
    }

    private async Task CloseMonthAsync()
    {
        using var admin = Admin();
        await PeriodClosing.CloseAsync(admin, Month);
    }

    /// <summary>
    /// Waits for the fixture's month to be closed again: a test that imports into it (the upload test) makes the service
    /// restate it in the background, and a test that needs it closed (calibration, the month's mails) waits here.
    /// </summary>
    /// <param name="revision">The revision to wait for: the next one after an import into the month.</param>
    public async Task WaitUntilClosedAsync(int revision = 1)
    {
        using var admin = Admin();
        await PeriodClosing.UntilClosedAsync(admin, Month, revision);
    }

    /// <summary>The fixture month's close revision now.</summary>
    public async Task<int> RevisionAsync()
    {
        using var admin = Admin();
        return (await admin.GetFromJsonAsync<JsonElement>($"/api/periods/{Month}", Json)).GetProperty("revision").GetInt32();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        _factory?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory)) Directory.Delete(_dataDirectory, recursive: true);
    }

    private sealed class Factory(Dictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalApp>
{
    public const string Name = "portal";
}
