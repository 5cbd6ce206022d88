using System.Net.Http.Json;
using System.Text.Json;
using Kpi.Api.Tests.Support;
using static Kpi.Api.Tests.Support.ApiCalls;

namespace Kpi.Api.Tests.Imports;

/// <summary>
/// The worked example of README.md, run on the files it uses (docs/examples): the numbers README shows must be the
/// numbers the service returns.
/// </summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public async Task WorkedExample_ReturnsTheNumbersReadmeShows()
    {
        using var app = await KpiApp.StartAsync(settings: new() { ["Kpi:Demo:Seed"] = "true" });
        var admin = app.Admin();

        foreach (var kind in new[] { "departments", "production", "budget", "safety" })
            await Upload(admin, kind, await File.ReadAllBytesAsync(Example($"{kind}.csv")), "text/csv");
        var again = await Upload(admin, "production", await File.ReadAllBytesAsync(Example("production.csv")), "text/csv");
        Assert.Equal(3, again.GetProperty("unchanged").GetInt64());
        var rejected = Assert.Single(again.GetProperty("rejected").EnumerateArray());
        Assert.Equal((5, "actual_qty", "must not be negative (got -4)"),
            (rejected.GetProperty("line").GetInt32(), rejected.GetProperty("column").GetString(), rejected.GetProperty("reason").GetString()));

        Assert.Equal(0.9875m, (await ReadMetricsAsync(admin, "EX", "2026-10"))["plan_completion"].Value);
        Assert.Equal(0.95m, (await ReadMetricsAsync(admin, "EX-2", "2026-10"))["plan_completion"].Value);

        var put = await admin.PutAsync("/api/scorecards/EX", new StringContent(await File.ReadAllTextAsync(Example("scorecard.json")), System.Text.Encoding.UTF8, "application/json"));
        put.EnsureSuccessStatusCode();
        var card = await admin.GetFromJsonAsync<JsonElement>("/api/scorecards/EX/2026-10", KpiApp.Json);
        Assert.Equal(83.071429m, Math.Round(card.GetProperty("total").GetDecimal(), 6));
        Assert.Equal("C", card.GetProperty("grade").GetString());
        Assert.Equal([98.75m, 95.238095m, 50m], card.GetProperty("lines").EnumerateArray().Select(l => Math.Round(l.GetProperty("points").GetDecimal(), 6)));
    }

    private static string Example(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "docs", "examples", file);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"docs/examples/{file} not found above {AppContext.BaseDirectory}");
    }
}
