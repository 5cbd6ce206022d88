using System.Net;
using Kpi.Demo;
using Kpi.Demo.Appraisal;
using Kpi.Domain.Periods;
using Kpi.Storage;
using static Kpi.Api.Tests.Appraisal.AppraisalCompany;

namespace Kpi.Api.Tests.Appraisal;

/// <summary>The demo company's appraisal cycles, as its demo users see them: last quarter published, this quarter open.</summary>
public sealed class DemoAppraisalTests
{
    [Fact]
    public async Task Demo_HasAPublishedCycleForLastQuarter_AndAnOpenOne()
    {
        using var app = await Support.KpiApp.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?>
        {
            ["Kpi:Demo:Seed"] = "true", ["Kpi:Close:ScheduleEnabled"] = "false", ["Kpi:Appraisal:RemindersEnabled"] = "false",
        });
        var (lastQuarter, thisQuarter) = DemoAppraisals.Periods(CompanyTimeZone.Default.LocalDate(DateTime.UtcNow));
        var hr = await app.WithTokenAsync("hr", DemoUsers.Password);

        var cycles = (await Expect(HttpStatusCode.OK, hr, "GET", "/api/appraisal/cycles")).EnumerateArray()
            .ToDictionary(c => c.GetProperty("period").GetString()!);
        Assert.Equal("published", cycles[lastQuarter.ToString()].GetProperty("status").GetString());
        Assert.Equal("started", cycles[thisQuarter.ToString()].GetProperty("status").GetString());

        var published = cycles[lastQuarter.ToString()].GetProperty("id").GetInt64();
        var page = await Expect(HttpStatusCode.OK, hr, "GET", $"/api/appraisal/cycles/{published}");
        var size = page.GetProperty("appraisals").GetInt32();
        Assert.True(size > 50, $"the whole company is appraised, not {size}");
        Assert.Equal(size, page.GetProperty("counts").GetProperty("published").GetInt32());
        Assert.All(page.GetProperty("distribution").EnumerateArray(), g => Assert.Equal(0, g.GetProperty("ungraded").GetInt32()));

        // The demo employee sees their own published result and form; in the open cycle, only where it stands.
        var resin = await app.WithTokenAsync("resin", DemoUsers.Password);
        var mine = Assert.Single((await Expect(HttpStatusCode.OK, resin, "GET", $"/api/appraisal/cycles/{published}/appraisals")).EnumerateArray());
        Assert.NotNull(mine.GetProperty("grade").GetString());
        Assert.True(mine.GetProperty("coefficient").GetDecimal() > 0);
        var form = await resin.GetAsync($"/api/appraisals/{mine.GetProperty("id").GetInt64()}.pdf");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var open = cycles[thisQuarter.ToString()].GetProperty("id").GetInt64();
        var pending = Assert.Single((await Expect(HttpStatusCode.OK, resin, "GET", $"/api/appraisal/cycles/{open}/appraisals")).EnumerateArray());
        Assert.Contains(pending.GetProperty("status").GetString(), new[] { "self_assessment", "manager_review" });
    }
}
