using System.Globalization;
using Kpi.Portal.Tests.Support;
using Microsoft.Playwright;

namespace Kpi.Portal.Tests;

/// <summary>
/// The portal as people use it, in headless chromium against the real host with the demo company and last month
/// closed: each role signs in and walks its pages (each checked by axe and for size), a manager drills from a figure to
/// its records and downloads a pack, another department's URL is refused, and an admin's import names its bad row.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PortalTests(PortalApp app)
{
    private static readonly string Month = PortalApp.Month;

    [BrowserTheory]
    [InlineData("admin", PortalApp.AdminPassword, "/operations")]
    [InlineData("hr", PortalApp.DemoPassword, "/appraisal")]
    [InlineData("ceo", PortalApp.DemoPassword, "/company")]
    [InlineData("prod", PortalApp.DemoPassword, "/scorecards/PROD/")]
    [InlineData("resin", PortalApp.DemoPassword, "/")]
    public async Task EachRole_SignsIn_LandsOnItsHome_AndWalksItsPages(string user, string password, string home)
    {
        var page = await app.SignedInAsync(user, password);
        Assert.StartsWith(app.BaseUrl + home, page.Url);
        await PageChecks.NoSeriousViolationAsync(page, $"{user}'s home");

        string[] pages = user switch
        {
            "admin" => ["/operations", "/operations/sources", "/operations/users", "/operations/keys", "/operations/deliveries", "/operations/audit", "/company",
                "/scorecards", $"/scorecards/HQ/{Month}", "/packs", "/appraisal", "/account/password"],
            "hr" or "ceo" => ["/company", $"/company/{Month}", "/scorecards", $"/scorecards/SALES/{Month}", "/packs", "/appraisal"],
            "prod" => ["/scorecards", $"/scorecards/PROD/{Month}", $"/scorecards/PROD-RESIN/{Month}", $"/scorecards/PROD/{Month[..4]}-Q{(int.Parse(Month[5..], CultureInfo.InvariantCulture) + 2) / 3}",
                $"/scorecards/PROD/{Month}-YTD", $"/scorecards/PROD/{Month[..4]}", "/packs", "/appraisal", "/account/password"],
            _ => ["/", "/account/password"],
        };
        foreach (var path in pages) await PageChecks.VisitAsync(page, path);

        // What the role may not open answers 403 with a page that says so.
        if (user is "resin" or "prod") await PageChecks.VisitAsync(page, "/operations", 403);
        if (user is "resin") await PageChecks.VisitAsync(page, $"/scorecards/PROD/{Month}", 403);
        if (user is "resin") await PageChecks.VisitAsync(page, "/appraisal", 403);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Manager_OpensScorecard_DrillsIntoAFigure_FindsTheRecordsWhoseSumsThePageShows()
    {
        var page = await app.SignedInAsync("prod");
        await PageChecks.VisitAsync(page, $"/scorecards/PROD/{Month}");

        // The first line with a drill-down link: its record count and numerator/denominator as the page shows them.
        var row = page.Locator("table tbody tr").Filter(new() { Has = page.Locator("td.num a") }).First;
        var fraction = (await row.Locator("td.num").Nth(2).InnerTextAsync()).Split('/', StringSplitOptions.TrimEntries);
        var records = (await row.Locator("td.num").Nth(3).InnerTextAsync()).Trim();
        await row.Locator("td.num a").First.ClickAsync();
        await page.WaitForURLAsync("**/records");
        await PageChecks.NoSeriousViolationAsync(page, "the drill-down");

        Assert.Equal(records, (await page.Locator("dd[data-sum=records]").InnerTextAsync()).Trim());
        var sums = await page.Locator("dd[data-sum]").AllInnerTextsAsync();
        Assert.Contains(fraction[0], sums.Select(s => s.Trim()));
        Assert.True(await page.Locator("table tbody tr").CountAsync() > 0, "the drill-down lists no record");

        // Sorting and paging keep the totals; the CSV carries every record.
        await page.Locator("thead th a").Nth(0).ClickAsync();
        await page.WaitForURLAsync("**sort=record_id**");
        Assert.Equal(records, (await page.Locator("dd[data-sum=records]").InnerTextAsync()).Trim());
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("a[download]").ClickAsync());
        var csv = await File.ReadAllLinesAsync((await download.PathAsync())!);
        Assert.Equal(int.Parse(records.Replace(",", ""), CultureInfo.InvariantCulture), csv.Count(l => l.Length > 0) - 1);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Manager_DownloadsTheirPack_FromThePacksPage()
    {
        var page = await app.SignedInAsync("prod");
        await PageChecks.VisitAsync(page, $"/packs/{Month}");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("a[href^='/api/packs/PROD/'][href*='.pdf']").First.ClickAsync());
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.DoesNotContain("/api/packs/SALES/", await page.ContentAsync());
        await page.Context.CloseAsync();
    }

    [BrowserTheory]
    [InlineData("/scorecards/SALES/{0}")]
    [InlineData("/scorecards/HQ/{0}")]
    [InlineData("/scorecards/SALES/{0}/sales_amount/records")]
    [InlineData("/company")]
    [InlineData("/operations/users")]
    public async Task Manager_TypingAnotherDepartmentsUrl_GetsARefusal(string url)
    {
        var page = await app.SignedInAsync("prod");
        var path = string.Format(CultureInfo.InvariantCulture, url, Month);
        var response = await page.GotoAsync(path);
        Assert.Equal(403, response!.Status);
        var text = await page.Locator("main").InnerTextAsync();
        Assert.DoesNotContain("SALES", text.Replace("“SALES”", "")); // no figure of the other department, only its code in the refusal
        await PageChecks.NoSeriousViolationAsync(page, path);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Admin_UploadsAFileWithABadRow_AndSeesItNamed()
    {
        await app.WaitUntilClosedAsync();
        var revision = await app.RevisionAsync();
        var page = await app.SignedInAsync("admin", PortalApp.AdminPassword);
        await PageChecks.VisitAsync(page, "/operations");
        var csv = "record_id,department,date,planned_qty,actual_qty\n"
                  + $"PORTAL-1,PROD-RESIN,{Month}-03,100,90\n"
                  + $"PORTAL-2,PROD-RESIN,{Month}-04,100,not-a-number\n";
        await page.Locator("#kind").SelectOptionAsync("production");
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "bad-row.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
        await page.Locator("form[enctype] button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/operations/imports/*");
        await PageChecks.NoSeriousViolationAsync(page, "the import run");

        var main = await page.Locator("main").InnerTextAsync();
        Assert.True((await page.Locator("dd[data-count=accepted]").InnerTextAsync()).Trim() == "1", main);
        Assert.Equal("1", (await page.Locator("dd[data-count=rejected]").InnerTextAsync()).Trim());
        var rejected = page.Locator("table tbody tr").First;
        Assert.Equal("3", (await rejected.Locator("td").Nth(0).InnerTextAsync()).Trim());
        Assert.Equal("actual_qty", (await rejected.Locator("td").Nth(1).InnerTextAsync()).Trim());
        Assert.Contains("not-a-number", await rejected.Locator("td").Nth(2).InnerTextAsync());
        await page.Context.CloseAsync();

        // The accepted row restates the closed month: wait for it here, so no other test meets a month being closed.
        await app.WaitUntilClosedAsync(revision + 1);
    }

    [BrowserFact]
    public async Task Language_FollowsTheBrowser_AndTheSwitchIsRemembered()
    {
        var page = await app.SignedInAsync("ceo", locale: "en-US");
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        await page.Locator("button[name=to][value=zh]").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Equal("zh-CN", await page.Locator("html").GetAttributeAsync("lang"));
        await page.GotoAsync("/scorecards");
        Assert.Equal("zh-CN", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Contains("记分卡", await page.Locator("h1").InnerTextAsync());
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task SignedOutVisitor_IsSentToSignIn_AndFormsCarryAntiforgery()
    {
        var context = await app.ContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/scorecards/PROD/{Month}");
        Assert.Contains("/login", page.Url);
        await PageChecks.NoSeriousViolationAsync(page, "/login");
        var forms = await page.Locator("form[method=post]").CountAsync();
        Assert.True(forms > 0);
        Assert.Equal(forms, await page.Locator("form[method=post] input[name=__RequestVerificationToken]").CountAsync());
        await context.CloseAsync();
    }
}
