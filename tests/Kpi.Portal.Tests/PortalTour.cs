using System.Globalization;
using System.Text;
using Kpi.Portal.Tests.Support;
using Kpi.Testing.Http;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Kpi.Portal.Tests;

/// <summary>Runs only from <c>scripts/portal-tour.sh</c>, which names the folder to write into.</summary>
public sealed class TourFactAttribute : FactAttribute
{
    public const string Variable = "KPI_PORTAL_TOUR_DIR";

    public TourFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable))) Skip = $"{Variable} is not set: run scripts/portal-tour.sh";
    }
}

/// <summary>
/// Not a test of speed (nothing here asserts a time): the tour that writes the README's screenshots of the main pages in
/// Chinese and English, and measures the figures docs/benchmarks.md gives — server time of the scorecard page and the
/// drill-down (p50/p95 over timed requests with a session cookie, on loopback) and the first load of a page in headless
/// chromium (navigation start to the load event, a fresh browser context each time, so nothing is cached).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PortalTour(PortalApp app, ITestOutputHelper output)
{
    private const int Loads = 15;

    [TourFact]
    public async Task Tour_WritesScreenshotsAndFigures()
    {
        var dir = Environment.GetEnvironmentVariable(TourFactAttribute.Variable)!;
        var shots = Path.Combine(dir, "screenshots");
        Directory.CreateDirectory(shots);
        var month = PortalApp.Month;
        var drill = "";

        foreach (var (locale, lang) in new[] { ("zh-CN", "zh"), ("en-US", "en") })
        {
            var login = await (await app.ContextAsync(locale)).NewPageAsync();
            await ShotAsync(login, "/login", Path.Combine(shots, $"login-{lang}.png"));
            await login.Context.CloseAsync();

            var manager = await app.SignedInAsync("prod", locale: locale);
            await ShotAsync(manager, $"/scorecards/PROD/{month}", Path.Combine(shots, $"scorecard-{lang}.png"));
            drill = await manager.Locator("table tbody td.num a").First.GetAttributeAsync("href") ?? "";
            await ShotAsync(manager, drill, Path.Combine(shots, $"drilldown-{lang}.png"));
            await ShotAsync(manager, $"/packs/{month}", Path.Combine(shots, $"packs-{lang}.png"));
            await manager.Context.CloseAsync();

            var hr = await app.SignedInAsync("hr", locale: locale);
            var cycle = await hr.Locator("tr:has(td[data-status=published]) th a").First.GetAttributeAsync("href") ?? "";
            await ShotAsync(hr, cycle, Path.Combine(shots, $"cycle-{lang}.png"), fullPage: false); // the company's cycle lists hundreds
            await hr.Context.CloseAsync();

            // The demo's open cycle waits for the employee's self-assessment, and for their manager's reviews.
            var employee = await app.SignedInAsync("resin", locale: locale);
            if (await employee.Locator("li[data-step] a").CountAsync() > 0)
                await ShotAsync(employee, await employee.Locator("li[data-step] a").First.GetAttributeAsync("href") ?? "/", Path.Combine(shots, $"self-assessment-{lang}.png"));
            await employee.Context.CloseAsync();

            var ceo = await app.SignedInAsync("ceo", locale: locale);
            await ShotAsync(ceo, $"/company/{month}", Path.Combine(shots, $"company-{lang}.png"));
            await ceo.Context.CloseAsync();

            var admin = await app.SignedInAsync("admin", PortalApp.AdminPassword, locale);
            await ShotAsync(admin, "/operations", Path.Combine(shots, $"operations-{lang}.png"));
            await ShotAsync(admin, "/operations/deliveries", Path.Combine(shots, $"deliveries-{lang}.png"));
            await admin.Context.CloseAsync();
        }

        // Server time, through an executive's session cookie (they see every department) on loopback.
        var page = await app.SignedInAsync("ceo");
        var cookies = await page.Context.CookiesAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        client.DefaultRequestHeaders.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}")));
        var quarter = $"{month[..4]}-Q{(int.Parse(month[5..], CultureInfo.InvariantCulture) + 2) / 3}";
        var figures = new StringBuilder();
        figures.AppendLine("| what | p50 ms | p95 ms | HTML KB |").AppendLine("|---|---|---|---|");
        foreach (var (name, url) in new[]
                 {
                     ("scorecard, closed month (frozen version)", $"/scorecards/PROD/{month}"),
                     ("scorecard, quarter (scored live)", $"/scorecards/PROD/{quarter}"),
                     ("scorecard, company root, closed month", $"/scorecards/HQ/{month}"),
                     ("drill-down, budget attainment (7 records)", drill),
                     ("drill-down, on-time delivery (350 records), first page", $"/scorecards/PROD/{month}/on_time_delivery/records"),
                     ("drill-down, on-time delivery, sorted descending, page 2", $"/scorecards/PROD/{month}/on_time_delivery/records?sort=record_id&desc=true&page=2"),
                 })
        {
            var (p50, p95, bytes) = await ServerTime.MeasureAsync(client, url);
            figures.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {p50:0.0} | {p95:0.0} | {bytes / 1024.0:0.0} |");
        }

        // First load in the browser: a fresh context (no cache), signed in by its cookie.
        var loads = new List<double>();
        for (var i = 0; i < Loads; i++)
        {
            var context = await app.ContextAsync();
            await context.AddCookiesAsync(cookies.Select(c => new Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path }));
            var fresh = await context.NewPageAsync();
            await fresh.GotoAsync($"/scorecards/PROD/{month}", new() { WaitUntil = WaitUntilState.Load });
            loads.Add(await fresh.EvaluateAsync<double>("() => { const n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd - n.startTime; }"));
            await context.CloseAsync();
        }
        figures.AppendLine(CultureInfo.InvariantCulture,
            $"| first load of the scorecard page in headless chromium (navigation to load event, cold cache) | {ServerTime.Percentile(loads, 50):0} | {ServerTime.Percentile(loads, 95):0} | |");
        await page.Context.CloseAsync();

        output.WriteLine(figures.ToString());
        await File.WriteAllTextAsync(Path.Combine(shots, "..", "portal-figures.md"), figures.ToString());
    }

    private static async Task ShotAsync(IPage page, string path, string file, bool fullPage = true)
    {
        var response = await page.GotoAsync(path);
        Assert.Equal(200, response!.Status);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.ScreenshotAsync(new() { Path = file, FullPage = fullPage });
    }
}
