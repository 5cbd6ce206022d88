using System.Net;
using System.Text.Json;
using Kpi.Storage;
using static Kpi.Api.Tests.Appraisal.AppraisalCompany;

namespace Kpi.Api.Tests.Appraisal;

/// <summary>
/// The workflow's steps over HTTP, allowed and refused by state and by role: bad templates and cycles answered 400
/// naming the field, steps out of turn 409, steps by the wrong person 403, reopening (before and after approval, never
/// after publication), and the KPI refresh. The full cycle with its arithmetic is <see cref="AppraisalCycleTests"/>.
/// </summary>
public sealed class AppraisalTransitionsTests
{
    /// <summary>Two parts, no self-assessment, no adjustment, no distribution bounds: the steps without the policy in the way.</summary>
    private const string Flat = """
        {"code":"flat","name":"简易考核",
         "parts":[{"type":"kpi","weight":50},{"type":"competency","weight":50,"scale":5,"items":[{"code":"work","name":"工作","weight":100}]}],
         "coefficients":{"S":1.5,"A":1.2,"B":1.0,"C":0.8,"D":0.5}}
        """;

    [Fact]
    public async Task BadTemplates_Are400NamingTheField()
    {
        (string Body, string Field)[] cases =
        [
            ("""{"code":"t1","name":"x","parts":[{"type":"kpi","weight":50},{"type":"goals","weight":40}],"coefficients":{"S":1,"A":1,"B":1,"C":1,"D":1}}""", "parts"),
            ("""{"code":"t2","name":"x","parts":[{"type":"kpi","weight":100}],"distribution":{"group_by":"region"},"coefficients":{"S":1,"A":1,"B":1,"C":1,"D":1}}""", "distribution.group_by"),
            ("""{"code":"t3","name":"x","parts":[{"type":"kpi","weight":100}],"adjustment":{"min":5,"max":10},"coefficients":{"S":1,"A":1,"B":1,"C":1,"D":1}}""", "adjustment.min"),
            ("""{"name":"x","parts":[{"type":"kpi","weight":100}],"coefficients":{"S":1,"A":1,"B":1,"C":1,"D":1}}""", "code"),
            ("""{"code":"t5","name":"x","parts":[{"type":"kpi","weight":"half"}]}""", "parts[0].weight"),
        ];
        var co = await StartAsync(DatabaseProvider.Sqlite);
        using var app = co.App;

        foreach (var (body, field) in cases)
        {
            var problem = await Expect(HttpStatusCode.BadRequest, co.Hr, "POST", "/api/appraisal/templates", body);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field}: {problem}");
        }
        Assert.Equal(0, (await Expect(HttpStatusCode.OK, co.Hr, "GET", "/api/appraisal/templates")).GetArrayLength());
    }

    [Fact]
    public async Task BadCycles_Are400NamingTheField_AndATemplateCodeIsTakenOnce()
    {
        var co = await StartAsync(DatabaseProvider.Sqlite);
        using var app = co.App;
        await Expect(HttpStatusCode.Created, co.Hr, "POST", "/api/appraisal/templates", Template);
        await Expect(HttpStatusCode.Conflict, co.Hr, "POST", "/api/appraisal/templates", Template);

        async Task Refused(string body, params string[] fields)
        {
            var problem = await Expect(HttpStatusCode.BadRequest, co.Hr, "POST", "/api/appraisal/cycles", body);
            Assert.Equal(fields.Order(), problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        }
        await Refused("""{"name":"c","template":"nope","period":"2026-10","departments":["ZZ-A"],"review_due":"2026-11-20"}""", "template");
        await Refused("""{"name":"c","template":"staff-2026","period":"2026-13","departments":["ZZ-A"],"self_due":"2026-11-10","review_due":"2026-11-20"}""", "period");
        await Refused("""{"name":"c","template":"staff-2026","period":"2026-10","departments":["NOPE"],"review_due":"2026-11-20"}""", "departments[0]", "self_due");
        await Refused("""{"name":"c","template":"staff-2026","period":"2026-10","departments":["ZZ-A"],"self_due":"2026-11-30","review_due":"2026-11-20"}""", "review_due");
        Assert.Equal(0, (await Expect(HttpStatusCode.OK, co.Hr, "GET", "/api/appraisal/cycles")).GetArrayLength());
    }

    [Fact]
    public async Task Reopening_BeforeAndAfterApproval_ButNeverOncePublished()
    {
        var co = await StartAsync(DatabaseProvider.Sqlite);
        using var app = co.App;
        var cycle = await co.CreateCycleAsync(Flat, selfAssessment: false);
        var ids = await co.AppraisalIdsAsync(cycle);

        // No self-assessment in this template: start goes straight to manager_review, and the employee has no step.
        await Expect(HttpStatusCode.Conflict, co.Hr, "PUT", $"/api/appraisals/{ids["E101"]}/calibration", """{"adjustment":0,"reason":"早"}""");
        var started = await Expect(HttpStatusCode.OK, co.Hr, "POST", $"/api/appraisal/cycles/{cycle}/start");
        Assert.Equal(3, started.GetProperty("counts").GetProperty("manager_review").GetInt32());
        await Expect(HttpStatusCode.Conflict, co.E101, "POST", $"/api/appraisals/{ids["E101"]}/self", """{"goal_actuals":[],"ratings":{"work":5}}""");
        await Expect(HttpStatusCode.BadRequest, co.Head, "PUT", $"/api/appraisals/{ids["E101"]}/goals", """{"goals":[]}"""); // no goals part
        await Expect(HttpStatusCode.OK, co.Head, "POST", $"/api/appraisals/{ids["E101"]}/review", """{"goal_actuals":[],"ratings":{"work":4}}""");
        await Expect(HttpStatusCode.Conflict, co.Head, "POST", $"/api/appraisals/{ids["E101"]}/review", """{"goal_actuals":[],"ratings":{"work":5}}""");

        // Reopening a reviewed appraisal while the cycle runs: HR only, with a reason; back to the appraiser.
        await Expect(HttpStatusCode.Forbidden, co.Head, "POST", $"/api/appraisals/{ids["E101"]}/reopen", """{"reason":"重评"}""");
        var noReason = await Expect(HttpStatusCode.BadRequest, co.Hr, "POST", $"/api/appraisals/{ids["E101"]}/reopen", """{"reason":" "}""");
        Assert.Equal("reason", noReason.GetProperty("field").GetString());
        await Expect(HttpStatusCode.Conflict, co.Hr, "POST", $"/api/appraisals/{ids["E102"]}/reopen", """{"reason":"未评"}"""); // not reviewed yet
        var reopened = await Expect(HttpStatusCode.OK, co.Hr, "POST", $"/api/appraisals/{ids["E101"]}/reopen", """{"reason":"评分有误"}""");
        Assert.Equal("manager_review", reopened.GetProperty("status").GetString());
        Assert.Equal("评分有误", reopened.GetProperty("history").EnumerateArray().Last().GetProperty("reason").GetString());
        await Expect(HttpStatusCode.OK, co.Head, "POST", $"/api/appraisals/{ids["E101"]}/review", """{"goal_actuals":[],"ratings":{"work":5}}""");
        await Expect(HttpStatusCode.OK, co.Head, "POST", $"/api/appraisals/{ids["E102"]}/review", """{"goal_actuals":[],"ratings":{"work":4}}""");
        await Expect(HttpStatusCode.OK, co.Gm, "POST", $"/api/appraisals/{ids["E100"]}/review", """{"goal_actuals":[],"ratings":{"work":5}}""");

        // Approval and publication come in order.
        await Expect(HttpStatusCode.Conflict, co.Hr, "POST", $"/api/appraisal/cycles/{cycle}/approve", "{}");
        await Expect(HttpStatusCode.Conflict, co.Hr, "POST", $"/api/appraisal/cycles/{cycle}/publish");
        await co.CloseOctoberAsync();
        await Expect(HttpStatusCode.OK, co.Hr, "POST", $"/api/appraisal/cycles/{cycle}/calibrate");
        await Expect(HttpStatusCode.Conflict, co.Hr, "POST", $"/api/appraisal/cycles/{cycle}/calibrate");
        await Expect(HttpStatusCode.Conflict, co.Hr, "POST", $"/api/appraisal/cycles/{cycle}/publish");

        // The KPI refresh: HR, with a reason, audited; the total is the same October one.
        await Expect(HttpStatusCode.BadRequest, co.Hr, "POST", $"/api/appraisals/{ids["E101"]}/kpi/refresh", "{}");
        var refreshed = await Expect(HttpStatusCode.OK, co.Hr, "POST", $"/api/appraisals/{ids["E101"]}/kpi/refresh", """{"reason":"复核"}""");
        Assert.Equal(98m, Part(refreshed, "kpi").GetProperty("score").GetDecimal());
        // (98×50 + 100×50)/100 = 99 → A
        Assert.Equal(99m, refreshed.GetProperty("result").GetProperty("final").GetDecimal());

        var approved = await Expect(HttpStatusCode.OK, co.Hr, "POST", $"/api/appraisal/cycles/{cycle}/approve", "{}");
        Assert.Empty(approved.GetProperty("overridden").EnumerateArray());

        // Reopening after approval undoes the approval: the cycle is back in calibration, awaiting that review.
        await Expect(HttpStatusCode.OK, co.Hr, "POST", $"/api/appraisals/{ids["E102"]}/reopen", """{"reason":"员工申诉"}""");
        var page = await Expect(HttpStatusCode.OK, co.Hr, "GET", $"/api/appraisal/cycles/{cycle}");
        Assert.Equal("calibration", page.GetProperty("status").GetString());
        Assert.Equal(1, page.GetProperty("counts").GetProperty("manager_review").GetInt32());
        Assert.Equal(2, page.GetProperty("counts").GetProperty("calibration").GetInt32());
        await Expect(HttpStatusCode.Conflict, co.Hr, "POST", $"/api/appraisal/cycles/{cycle}/approve", "{}");
        await Expect(HttpStatusCode.OK, co.Head, "POST", $"/api/appraisals/{ids["E102"]}/review", """{"goal_actuals":[],"ratings":{"work":3}}""");
        await Expect(HttpStatusCode.OK, co.Hr, "POST", $"/api/appraisal/cycles/{cycle}/approve", "{}");
        await Expect(HttpStatusCode.OK, co.Hr, "POST", $"/api/appraisal/cycles/{cycle}/publish");

        await Expect(HttpStatusCode.Conflict, co.Hr, "POST", $"/api/appraisals/{ids["E102"]}/reopen", """{"reason":"再次申诉"}""");
        await Expect(HttpStatusCode.Conflict, co.Hr, "POST", $"/api/appraisals/{ids["E101"]}/kpi/refresh", """{"reason":"复核"}""");
        await Expect(HttpStatusCode.Conflict, co.Hr, "POST", $"/api/appraisal/cycles/{cycle}/publish");
        var history = (await Expect(HttpStatusCode.OK, co.Hr, "GET", $"/api/appraisal/cycles/{cycle}")).GetProperty("history").EnumerateArray()
            .Select(h => h.GetProperty("to").GetString()).ToList();
        Assert.Equal(["started", "calibration", "approved", "calibration", "approved", "published"], history.Where(h => h != "draft"));
    }

    private static JsonElement Part(JsonElement appraisal, string type) =>
        appraisal.GetProperty("result").GetProperty("parts").EnumerateArray().Single(p => p.GetProperty("type").GetString() == type);
}
