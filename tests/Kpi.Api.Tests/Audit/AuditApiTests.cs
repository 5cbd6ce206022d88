using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kpi.Api.Tests.Support;
using static Kpi.Api.Tests.Support.ApiCalls;

namespace Kpi.Api.Tests.Audit;

/// <summary>Changes to scorecards (targets included) and keys are read back as who, when and what, by admins only.</summary>
public sealed class AuditApiTests
{
    private static string Card(decimal target) => $$$"""
        {"lines":[{"metric":"plan_completion","target":{{{target.ToString(System.Globalization.CultureInfo.InvariantCulture)}}},"weight":100,"rule":{"type":"linear","cap":1.2}}]}
        """;

    [Fact]
    public async Task ScorecardChanges_AreListedWithActorAndBeforeAndAfter_NewestFirst_InPages()
    {
        using var app = await KpiApp.StartAsync();
        var admin = app.Admin();
        await Upload(admin, "departments", Utf8Bom("code,name,parent_code\nZZ,示例,\nYY,其他,ZZ\n"), "text/csv");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/scorecards/ZZ", Json(Card(1.0m)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/scorecards/ZZ", Json(Card(0.95m)))).StatusCode);
        // The same definition again changes nothing and leaves no entry.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/scorecards/ZZ", Json(Card(0.95m)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/scorecards/YY", Json(Card(1.0m)))).StatusCode);

        var page = await admin.GetFromJsonAsync<JsonElement>("/api/audit?entity=scorecard&key=ZZ", KpiApp.Json);
        var entries = page.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(["scorecard.changed", "scorecard.created"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.All(entries, e => Assert.Equal("bootstrap-admin", e.GetProperty("actor").GetString()));
        var change = entries[0].GetProperty("details");
        Assert.Equal(1.0m, change.GetProperty("before").GetProperty("lines")[0].GetProperty("target").GetDecimal());
        Assert.Equal(0.95m, change.GetProperty("after").GetProperty("lines")[0].GetProperty("target").GetDecimal());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next").ValueKind);

        // Paging: one entry a page, following next until it ends, gives the three scorecard entries newest first.
        var seen = new List<string>();
        var next = "/api/audit?entity=scorecard&limit=1";
        while (next is not null)
        {
            var one = await admin.GetFromJsonAsync<JsonElement>(next, KpiApp.Json);
            seen.AddRange(one.GetProperty("entries").EnumerateArray().Select(e => $"{e.GetProperty("key").GetString()} {e.GetProperty("action").GetString()}"));
            next = one.GetProperty("next").GetString();
        }
        Assert.Equal(["YY scorecard.created", "ZZ scorecard.changed", "ZZ scorecard.created"], seen);
    }

    [Fact]
    public async Task OnlyAdminsReadTheAuditTrail()
    {
        using var app = await KpiApp.StartAsync();
        var hr = await app.NewKeyAsync("hr");
        var created = await app.Admin().GetFromJsonAsync<JsonElement>("/api/audit?entity=api_key", KpiApp.Json);

        Assert.Equal(HttpStatusCode.Forbidden, (await hr.GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Admin().GetAsync("/api/audit?limit=0")).StatusCode);
        // The key's creation is there, without the key itself.
        var entry = Assert.Single(created.GetProperty("entries").EnumerateArray());
        Assert.Equal("key.created", entry.GetProperty("action").GetString());
        Assert.Equal("hr", entry.GetProperty("details").GetProperty("role").GetString());
        Assert.False(entry.GetProperty("details").TryGetProperty("key", out _));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
