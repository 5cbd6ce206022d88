using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kpi.Api.Tests.Support;
using static Kpi.Api.Tests.Support.ApiCalls;

namespace Kpi.Api.Tests.Scorecards;

/// <summary>Defining a scorecard over HTTP and reading the explained score back, with the arithmetic checked by hand.</summary>
public sealed class ScorecardApiTests
{
    private const string Card = """
        {"lines":[
          {"metric":"plan_completion","target":1.0,"weight":40,"rule":{"type":"linear","cap":1.2}},
          {"metric":"budget_attainment","target":1.0,"weight":30,"direction":"lower","rule":{"type":"linear","cap":1.2}},
          {"metric":"safety_incidents","target":0,"weight":30,"rule":{"type":"deduction","per_unit":50}},
          {"metric":"safety_incidents","target":0,"weight":0,"rule":{"type":"veto","facet":"serious","cap_grade":"C"}}]}
        """;

    [Fact]
    public async Task DefinedCard_ScoresFromImportedData()
    {
        using var app = await KpiApp.StartAsync();
        var admin = app.Admin();
        await Upload(admin, "departments", Utf8Bom("code,name,parent_code\nZZ,示例,\n"), "text/csv");
        await Upload(admin, "production", Utf8Bom("record_id,department,date,planned_qty,actual_qty\nP1,ZZ,2026-10-01,100,98\n"), "text/csv");
        await Upload(admin, "budget", Utf8Bom("record_id,department,month,budget_amount,actual_amount\nB1,ZZ,2026-10,1000,1250\n"), "text/csv");
        await Upload(admin, "safety", Utf8Bom("record_id,department,occurred_at,severity\nS1,ZZ,2026-10-03T10:00:00,minor\n"), "text/csv");

        var put = await admin.PutAsync("/api/scorecards/ZZ", Json(Card));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var score = await admin.GetFromJsonAsync<JsonElement>("/api/scorecards/ZZ/2026-10", KpiApp.Json);

        // plan 98/100 → 98 points × 40; budget 1000/1250 = 0.8 → 80 × 30; one minor incident: 100 − 50 = 50 × 30.
        // total = (98×40 + 80×30 + 50×30) / 100 = 78.2 → C; no veto (no serious incident).
        Assert.Equal(78.2m, score.GetProperty("total").GetDecimal());
        Assert.Equal("C", score.GetProperty("grade").GetString());
        Assert.Equal(1m, score.GetProperty("completeness").GetDecimal());
        Assert.Equal(JsonValueKind.Null, score.GetProperty("veto").ValueKind);
        var lines = score.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal([98m, 80m, 50m, 100m], lines.Select(l => l.GetProperty("points").GetDecimal()));
        Assert.Equal([39.2m, 24m, 15m, 0m], lines.Select(l => l.GetProperty("weighted").GetDecimal()));
        Assert.Equal(["amber", "red", "red", "green"], lines.Select(l => l.GetProperty("status").GetString()));
        Assert.Equal(1250m, lines[1].GetProperty("numerator").GetDecimal());
        Assert.Contains("1 / 1.25", lines[1].GetProperty("arithmetic").GetString());
    }

    [Theory]
    [InlineData("""{"lines":[{"metric":"plan_completion","target":1.0,"weight":90,"rule":{"type":"linear"}}]}""", "lines.weight")]
    [InlineData("""{"lines":[{"metric":"no_such_metric","target":1.0,"weight":100,"rule":{"type":"linear"}}]}""", "lines[0].metric")]
    [InlineData("""{"lines":[{"metric":"plan_completion","target":1.0,"weight":100,"rule":{"type":"stars"}}]}""", "lines[0].rule.type")]
    [InlineData("""{"lines":[{"metric":"plan_completion","target":1.0,"weight":100,"rule":{"type":"linear","cap":-1}}]}""", "lines[0].rule.cap")]
    [InlineData("""{"lines":[{"metric":"plan_completion","target":1.0,"weight":100,"scope":"NOPE","rule":{"type":"linear"}}]}""", "lines[0].scope")]
    public async Task InvalidCard_Is400NamingTheField(string body, string field)
    {
        using var app = await KpiApp.StartAsync();
        await Upload(app.Admin(), "departments", Utf8Bom("code,name,parent_code\nZZ,示例,\n"), "text/csv");

        var response = await app.Admin().PutAsync("/api/scorecards/ZZ", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(KpiApp.Json);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task MalformedJson_Is400()
    {
        using var app = await KpiApp.StartAsync();
        await Upload(app.Admin(), "departments", Utf8Bom("code,name,parent_code\nZZ,示例,\n"), "text/csv");

        var response = await app.Admin().PutAsync("/api/scorecards/ZZ", Json("""{"lines":[{"metric":"plan_completion","weight":"forty"}]}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("weight", (await response.Content.ReadFromJsonAsync<JsonElement>(KpiApp.Json)).GetProperty("field").GetString());
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
