using System.Net.Http.Json;
using System.Text.Json;
using Kpi.Portal.Tests.Support;

namespace Kpi.Portal.Tests;

/// <summary>
/// The admin's mail page against the demo company, whose executives get the executive summary after every close: the
/// subscription is listed, the closed month's mails are there with their state, and a mail sent again from the page is
/// queued and audited under the admin's name, exactly as <c>POST /api/deliveries/{id}/resend</c> does.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class DeliveriesPortalTests(PortalApp app)
{
    [BrowserFact]
    public async Task Admin_SeesTheSubscriptionAndTheMonthsMails_AndSendsOneAgain()
    {
        await app.WaitUntilClosedAsync();
        var sent = await SentMailsAsync();
        var page = await app.SignedInAsync("admin", PortalApp.AdminPassword);
        await PageChecks.VisitAsync(page, "/operations");
        await page.Locator("a[href='/operations/deliveries']").ClickAsync();
        await page.WaitForURLAsync("**/operations/deliveries");
        await PageChecks.NoSeriousViolationAsync(page, "the deliveries page");
        Assert.Contains(Kpi.Demo.DemoSubscriptions.ExecutiveSummary, await page.Locator("tr[data-subscription]").First.InnerTextAsync());

        // The filter narrows to the month and state, and the page keeps them.
        await page.Locator("#period").FillAsync(PortalApp.Month);
        await page.Locator("#status").SelectOptionAsync("sent");
        await page.Locator("form[method=get] button[type=submit]").ClickAsync();
        await page.WaitForURLAsync($"**/operations/deliveries?period={PortalApp.Month}&status=sent");
        var rows = page.Locator("tr[data-delivery]");
        Assert.Equal(sent.Count, await rows.CountAsync());
        Assert.Equal(sent.Count, await page.Locator("tr[data-delivery][data-status=sent]").CountAsync());

        var id = sent[0];
        await page.Locator($"tr[data-delivery='{id}'] form button").ClickAsync();
        await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
        Assert.Contains(id.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.Locator("p.notice.good").InnerTextAsync());
        await PageChecks.NoSeriousViolationAsync(page, "the deliveries page after a resend");

        using var admin = app.Admin();
        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/audit?entity=delivery&key={id}", PortalApp.Json);
        var entry = audit.GetProperty("entries").EnumerateArray().Single();
        Assert.Equal("delivery.resent", entry.GetProperty("action").GetString());
        Assert.Equal(PortalApp.AdminUser, entry.GetProperty("actor").GetString());

        await PageChecks.VisitAsync(page, "/operations/deliveries?status=lost", 400);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Manager_GetsARefusalOnTheDeliveriesPage()
    {
        var page = await app.SignedInAsync("prod");
        await PageChecks.VisitAsync(page, "/operations/deliveries", 403);
        await page.Context.CloseAsync();
    }

    /// <summary>The closed month's executive-summary mails once the outbox has sent them (it runs after the close's rendering).</summary>
    private async Task<List<long>> SentMailsAsync()
    {
        using var admin = app.Admin();
        for (var i = 0; i < 300; i++)
        {
            var rows = await admin.GetFromJsonAsync<JsonElement>($"/api/deliveries?period={PortalApp.Month}", PortalApp.Json);
            var all = rows.EnumerateArray().ToList();
            if (all.Count > 0 && all.All(r => r.GetProperty("status").GetString() is "sent"))
                return all.Select(r => r.GetProperty("id").GetInt64()).ToList();
            if (all.Any(r => r.GetProperty("status").GetString() is "failed" or "unknown"))
                Assert.Fail($"A demo mail of {PortalApp.Month} did not go out: {rows}");
            await Task.Delay(200);
        }
        Assert.Fail($"The demo's mails of {PortalApp.Month} were not sent in 60 s");
        return [];
    }
}
