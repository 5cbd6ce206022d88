using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Kpi.Portal.Tests.Support;

/// <summary>What every portal page must be: answered 200, under 150 KB of HTML, and free of serious or critical axe violations.</summary>
public static class PageChecks
{
    public const int MaxHtmlBytes = 150 * 1024;

    /// <summary>Opens <paramref name="path"/> and checks it; returns the page's HTML size.</summary>
    public static async Task<int> VisitAsync(IPage page, string path, int status = 200)
    {
        var response = await page.GotoAsync(path);
        Assert.NotNull(response);
        Assert.True(response.Status == status, $"{path}: {response.Status}, expected {status}");
        var bytes = (await response.BodyAsync()).Length;
        Assert.True(bytes < MaxHtmlBytes, $"{path}: {bytes} bytes of HTML, over {MaxHtmlBytes}");
        await NoSeriousViolationAsync(page, path);
        return bytes;
    }

    public static async Task NoSeriousViolationAsync(IPage page, string what)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{what}: axe found " + string.Join("; ", serious.Select(v =>
            $"{v.Impact} {v.Id} ({v.Help}) at {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}")));
    }
}
