using System.Net;
using Kpi.Api.Tests.Support;
using Kpi.Storage;
using Kpi.Storage.Close;
using Microsoft.Extensions.DependencyInjection;

namespace Kpi.Api.Tests.Portal;

/// <summary>The operations page's closes: one that failed says why, as text, next to how far its rendering got.</summary>
public sealed class OperationsPageTests
{
    [Fact]
    public async Task AFailedClose_ShowsItsReasonAsText_AndItsRenderingProgress()
    {
        using var app = await KpiApp.StartAsync();
        await app.NewUserAsync("boss", "admin");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KpiDbContext>();
            db.PeriodCloses.Add(new PeriodClose
            {
                Period = "2026-09", Status = CloseStatus.Failed, RequestedAt = DateTime.UtcNow, RequestedBy = "boss", UpdatedAt = DateTime.UtcNow,
                Error = "<b>Disk full</b> while freezing",
            });
            await db.SaveChangesAsync();
        }
        var browser = await app.BrowserAsync("boss");
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var response = await browser.GetAsync("/operations");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("&lt;b&gt;Disk full&lt;/b&gt; while freezing", html);
        Assert.DoesNotContain("<b>Disk full</b>", html);
        Assert.Matches(@"0 of \d+ files rendered", html);
    }
}
