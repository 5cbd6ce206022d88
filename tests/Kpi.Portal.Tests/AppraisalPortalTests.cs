using Kpi.Portal.Tests.Support;

namespace Kpi.Portal.Tests;

/// <summary>
/// The appraisal pages against the demo company's cycles (last quarter published, this quarter open): HR lands on the
/// cycles, opens the open one and sees its grade distribution against the policy and its appraisals; the employee
/// sees their published result with its arithmetic and PDF, and nothing of the open cycle's result.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class AppraisalPortalTests(PortalApp app)
{
    [BrowserFact]
    public async Task Hr_OpensTheOpenCycle_SeesTheDistributionAndTheAppraisals()
    {
        var page = await app.SignedInAsync("hr");
        Assert.StartsWith(app.BaseUrl + "/appraisal", page.Url);
        await PageChecks.NoSeriousViolationAsync(page, "the cycle list");

        await page.Locator("tr:has(td[data-status=started]) th a").First.ClickAsync();
        await page.WaitForURLAsync("**/appraisal/cycles/*");
        await PageChecks.NoSeriousViolationAsync(page, "the open cycle");
        Assert.Equal("started", await page.Locator("dd[data-cycle-status]").GetAttributeAsync("data-cycle-status"));
        Assert.True(await page.Locator("table[data-group] tbody tr[data-grade]").CountAsync() > 0, "no grade line in the distribution");
        Assert.True(await page.Locator("#appraisals + .table-wrap tbody tr").CountAsync() > 0, "the cycle lists no appraisal");
        // The open cycle's next step is calibration: its form is there, approve and publish are not.
        Assert.Equal(1, await page.Locator("form[action$='handler=Calibrate']").CountAsync());
        Assert.Equal(0, await page.Locator("form[action$='handler=Approve'], form[action$='handler=Publish']").CountAsync());

        // The published cycle: its distribution, and an appraisal's result with its arithmetic.
        await PageChecks.VisitAsync(page, "/appraisal");
        await page.Locator("tr:has(td[data-status=published]) th a").First.ClickAsync();
        await page.WaitForURLAsync("**/appraisal/cycles/*");
        Assert.Equal("published", await page.Locator("dd[data-cycle-status]").GetAttributeAsync("data-cycle-status"));
        Assert.True(await page.Locator("table[data-group] tbody tr[data-grade]").CountAsync() > 0, "no grade line in the distribution");
        await page.Locator("#appraisals + .table-wrap tbody tr th a").First.ClickAsync();
        await page.WaitForURLAsync("**/appraisal/*");
        await PageChecks.NoSeriousViolationAsync(page, "an appraisal");
        Assert.NotEqual("—", (await page.Locator("dd[data-grade]").InnerTextAsync()).Trim());
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Employee_SeesTheirPublishedResult_AndNoResultBeforePublication()
    {
        var page = await app.SignedInAsync("resin");
        var links = page.Locator("ul[aria-labelledby=my-appraisals] a");
        Assert.Equal(2, await links.CountAsync());

        // Newest cycle first: the open one shows no result.
        await links.Nth(0).ClickAsync();
        await page.WaitForURLAsync("**/appraisal/*");
        await PageChecks.NoSeriousViolationAsync(page, "the employee's open appraisal");
        Assert.Equal(0, await page.Locator("dd[data-final]").CountAsync());
        Assert.Equal(0, await page.Locator("a[href$='.pdf?lang=zh']").CountAsync());

        await page.GoBackAsync();
        await links.Nth(1).ClickAsync();
        await page.WaitForURLAsync("**/appraisal/*");
        await PageChecks.NoSeriousViolationAsync(page, "the employee's published appraisal");
        Assert.Equal("published", await page.Locator("dd[data-status]").GetAttributeAsync("data-status"));
        Assert.NotEqual("—", (await page.Locator("dd[data-final]").InnerTextAsync()).Trim());
        Assert.NotEqual("—", (await page.Locator("dd[data-grade]").InnerTextAsync()).Trim());
        Assert.False(string.IsNullOrWhiteSpace(await page.Locator("[data-arithmetic]").InnerTextAsync()));
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("a[href$='.pdf?lang=zh']").ClickAsync());
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));

        // The cycle pages are HR's and executives'.
        await PageChecks.VisitAsync(page, "/appraisal", 403);
        await page.Context.CloseAsync();
    }
}
