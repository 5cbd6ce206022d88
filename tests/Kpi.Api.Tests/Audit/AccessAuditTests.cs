using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kpi.Api.Tests.Packs;
using Kpi.Api.Tests.Support;
using Kpi.Domain.Periods;

namespace Kpi.Api.Tests.Audit;

/// <summary>
/// Who came in and what they took away, read back through <c>GET /api/audit</c>: each sign-in and sign-out, by token
/// and by browser, under the user's name; each pack, summary or archive download under the downloader's name with the
/// file's name and hash — and a revalidation that sends no bytes (304) leaves no entry.
/// </summary>
public sealed class AccessAuditTests
{
    private static readonly string Month = CompanyTimeZone.Default.MonthOf(DateTime.UtcNow).Previous.ToString();

    [Fact]
    public async Task SignInsAndSignOuts_ByTokenAndByBrowser_AreAudited_UnderTheUsersName()
    {
        using var app = await KpiApp.StartAsync();
        var id = await app.NewUserAsync("zhao.lei", "hr");

        var token = await app.WithTokenAsync("zhao.lei");
        Assert.Equal(HttpStatusCode.NoContent, (await token.PostAsync("/api/auth/logout", null)).StatusCode);
        var browser = await app.BrowserWithTokenAsync("zhao.lei");
        var signedOut = await browser.PostAsync("/logout", null);
        Assert.Equal((HttpStatusCode.Redirect, "/login"), (signedOut.StatusCode, signedOut.Headers.Location?.OriginalString));

        var entries = (await app.Admin().GetFromJsonAsync<JsonElement>($"/api/audit?entity=user&key={id}", KpiApp.Json))
            .GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(["auth.signed_out", "auth.signed_in", "auth.signed_out", "auth.signed_in", "user.created"],
            entries.Select(e => e.GetProperty("action").GetString()));
        Assert.All(entries.Take(4), e => Assert.Equal("zhao.lei", e.GetProperty("actor").GetString()));
        Assert.Equal(["cookie", "token"], new[] { entries[1], entries[3] }.Select(e => e.GetProperty("details").GetProperty("via").GetString()));
        // Each sign-out names the session it ended: the browser's and the token's are two.
        var sessions = new[] { entries[0], entries[2] }.Select(e => e.GetProperty("details").GetProperty("session").GetInt64()).ToList();
        Assert.NotEqual(sessions[0], sessions[1]);
    }

    [Fact]
    public async Task PackDownloads_AreAudited_UnderTheDownloadersName_ButARevalidationIsNot()
    {
        using var app = await KpiApp.StartAsync(settings: new Dictionary<string, string?> { ["Kpi:Demo:Seed"] = "true", ["Kpi:Close:ScheduleEnabled"] = "false" });
        await PackFiles.CloseAsync(app.Admin(), Month);
        await app.NewUserAsync("resin.lead", "manager", ["PROD-RESIN"]);
        await app.NewUserAsync("gm.office", "executive");
        var manager = await app.WithTokenAsync("resin.lead");

        var (pdf, pdfBytes) = await PackFiles.GetAsync(manager, $"/api/packs/PROD-RESIN/{Month}.pdf");
        Assert.NotEmpty(pdfBytes);
        var again = new HttpRequestMessage(HttpMethod.Get, $"/api/packs/PROD-RESIN/{Month}.pdf");
        again.Headers.IfNoneMatch.Add(pdf.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await manager.SendAsync(again)).StatusCode);
        var (zip, _) = await PackFiles.GetAsync(manager, $"/api/packs/{Month}.zip?format=pdf");
        var browser = await app.BrowserAsync("gm.office");
        var (summary, _) = await PackFiles.GetAsync(browser, $"/api/summary/{Month}.pdf");

        var downloads = (await app.Admin().GetFromJsonAsync<JsonElement>("/api/audit?entity=file", KpiApp.Json))
            .GetProperty("entries").EnumerateArray().ToList();
        Assert.All(downloads, d => Assert.Equal("pack.downloaded", d.GetProperty("action").GetString()));
        Assert.Equal([("gm.office", Named(summary)), ("resin.lead", Named(zip)), ("resin.lead", Named(pdf))],
            downloads.Select(d => (d.GetProperty("actor").GetString(), d.GetProperty("key").GetString())));
        Assert.Equal([Hash(summary), Hash(zip), Hash(pdf)], downloads.Select(d => d.GetProperty("details").GetProperty("sha256").GetString()));
    }

    /// <summary>The file's name as the download named it (the Chinese one).</summary>
    private static string? Named(HttpResponseMessage response) => response.Content.Headers.ContentDisposition?.FileNameStar;

    private static string? Hash(HttpResponseMessage response) => response.Headers.ETag?.Tag.Trim('"');
}
