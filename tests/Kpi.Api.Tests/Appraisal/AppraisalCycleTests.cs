using System.Net;
using System.Text.Json;
using ClosedXML.Excel;
using Kpi.Api.Tests.Packs;
using Kpi.Storage;
using Kpi.Testing.Storage;
using static Kpi.Api.Tests.Appraisal.AppraisalCompany;

namespace Kpi.Api.Tests.Appraisal;

/// <summary>
/// A whole appraisal cycle over HTTP on each database, every step by the person who takes it, signed in with their own
/// token: HR creates the template and the cycle and starts it, the appraiser sets goals, each employee assesses
/// themselves, the appraisers review, HR moves the cycle to calibration once October is closed, adjusts one score,
/// meets the distribution policy's refusal and approves over it with a reason, and publishes. The arithmetic is
/// checked by hand against the template; the export and the forms are read back with ClosedXML and PdfPig.
/// </summary>
public sealed class AppraisalCycleTests
{
    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task FullCycle_FromTemplateToPublishedForms_ByEachPersonInTurn(DatabaseProvider provider)
    {
        var co = await StartAsync(provider);
        using var app = co.App;

        // Templates and cycles are HR's; the employee E103 left before the period's last day and is not in it.
        await Expect(HttpStatusCode.Forbidden, co.E101, "POST", "/api/appraisal/templates", Template);
        var cycle = await co.CreateCycleAsync();
        var template = await Expect(HttpStatusCode.OK, co.E101, "GET", "/api/appraisal/templates/staff-2026");
        Assert.Equal(20m, template.GetProperty("parts")[2].GetProperty("weight").GetDecimal());
        var ids = await co.AppraisalIdsAsync(cycle);
        Assert.Equal(["E100", "E101", "E102"], ids.Keys.Order());
        var draft = await Expect(HttpStatusCode.OK, co.Hr, "GET", $"/api/appraisal/cycles/{cycle}");
        Assert.Equal("draft", draft.GetProperty("status").GetString());
        Assert.Equal(3, draft.GetProperty("counts").GetProperty("draft").GetInt32());

        // Who sees whom: the head their department (their own included), an employee only their own, the GM whom they appraise.
        var byHead = await Expect(HttpStatusCode.OK, co.Head, "GET", $"/api/appraisal/cycles/{cycle}/appraisals");
        Assert.Equal(3, byHead.GetArrayLength());
        var byEmployee = await Expect(HttpStatusCode.OK, co.E101, "GET", $"/api/appraisal/cycles/{cycle}/appraisals");
        Assert.Equal("E101", Assert.Single(byEmployee.EnumerateArray()).GetProperty("employee_no").GetString());
        Assert.Equal("E100", Assert.Single(byEmployee.EnumerateArray()).GetProperty("appraiser_employee_no").GetString());
        await Expect(HttpStatusCode.Forbidden, co.E200, "GET", $"/api/appraisals/{ids["E101"]}");
        await Expect(HttpStatusCode.Forbidden, co.E102, "GET", $"/api/appraisals/{ids["E101"]}");

        // Goals: the appraiser sets them; the employee never sets what scores them.
        const string goals = """{"goals":[{"name":"降低损耗","target":100,"weight":100,"direction":"higher","rule":{"type":"linear","cap":1.2}}]}""";
        await Expect(HttpStatusCode.Forbidden, co.E101, "PUT", $"/api/appraisals/{ids["E101"]}/goals", goals);
        var badGoals = await Expect(HttpStatusCode.BadRequest, co.Head, "PUT", $"/api/appraisals/{ids["E101"]}/goals",
            """{"goals":[{"name":"降低损耗","target":100,"weight":90,"direction":"higher","rule":{"type":"linear"}}]}""");
        Assert.Contains("goals", badGoals.GetProperty("field").GetString());
        await Expect(HttpStatusCode.OK, co.Head, "PUT", $"/api/appraisals/{ids["E101"]}/goals", goals);

        // Nobody submits before HR starts; only HR starts.
        await Expect(HttpStatusCode.Conflict, co.E101, "POST", $"/api/appraisals/{ids["E101"]}/self", """{"goal_actuals":[],"ratings":{},"comment":"x"}""");
        await Expect(HttpStatusCode.Forbidden, co.Head, "POST", $"/api/appraisal/cycles/{cycle}/start");
        var started = await Expect(HttpStatusCode.OK, co.Hr, "POST", $"/api/appraisal/cycles/{cycle}/start");
        Assert.Equal(3, started.GetProperty("counts").GetProperty("self_assessment").GetInt32());
        await Expect(HttpStatusCode.Conflict, co.Hr, "POST", $"/api/appraisal/cycles/{cycle}/start");

        // Self-assessments: each employee their own only; then the review is the appraiser's.
        await Expect(HttpStatusCode.Forbidden, co.Head, "POST", $"/api/appraisals/{ids["E101"]}/self", """{"goal_actuals":[120],"ratings":{"teamwork":5}}""");
        await Expect(HttpStatusCode.Forbidden, co.E101, "POST", $"/api/appraisals/{ids["E101"]}/review", """{"goal_actuals":[120],"ratings":{"teamwork":5,"discipline":5}}""");
        var self = await Expect(HttpStatusCode.OK, co.E101, "POST", $"/api/appraisals/{ids["E101"]}/self",
            """{"goal_actuals":[120],"ratings":{"teamwork":5},"comment":"超额完成"}""");
        Assert.Equal("manager_review", self.GetProperty("status").GetString());
        Assert.False(self.GetProperty("result_visible").GetBoolean());
        Assert.Equal(JsonValueKind.Null, self.GetProperty("result").ValueKind);
        await Expect(HttpStatusCode.OK, co.E102, "POST", $"/api/appraisals/{ids["E102"]}/self", """{"goal_actuals":[],"ratings":{},"comment":"无"}""");
        await Expect(HttpStatusCode.OK, co.Head, "POST", $"/api/appraisals/{ids["E100"]}/self", """{"goal_actuals":[],"ratings":{"teamwork":5,"discipline":5}}""");

        // Reviews: every item rated 1..scale, one actual per goal; the head by the GM who appraises them.
        var badReview = await Expect(HttpStatusCode.BadRequest, co.Head, "POST", $"/api/appraisals/{ids["E101"]}/review",
            """{"goal_actuals":[],"ratings":{"teamwork":6}}""");
        var fields = badReview.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("goal_actuals", fields);
        Assert.Contains("ratings.teamwork", fields);
        Assert.Contains("ratings.discipline", fields);
        await Expect(HttpStatusCode.Forbidden, co.Hr, "POST", $"/api/appraisals/{ids["E101"]}/review", """{"goal_actuals":[110],"ratings":{"teamwork":4,"discipline":5}}""");
        await Expect(HttpStatusCode.OK, co.Head, "POST", $"/api/appraisals/{ids["E101"]}/review",
            """{"goal_actuals":[110],"ratings":{"teamwork":4,"discipline":5},"comment":"工作扎实"}""");
        await Expect(HttpStatusCode.OK, co.Head, "POST", $"/api/appraisals/{ids["E102"]}/review", """{"goal_actuals":[],"ratings":{"teamwork":3,"discipline":3},"comment":"需加强"}""");
        await Expect(HttpStatusCode.Forbidden, co.Head, "POST", $"/api/appraisals/{ids["E100"]}/review", """{"goal_actuals":[],"ratings":{"teamwork":5,"discipline":5}}""");

        // Calibration needs every review and every month closed: 409 naming what is missing.
        var notReady = await Expect(HttpStatusCode.Conflict, co.Hr, "POST", $"/api/appraisal/cycles/{cycle}/calibrate");
        Assert.Equal(["2026-10"], notReady.GetProperty("open_months").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(["E100"], notReady.GetProperty("not_reviewed").EnumerateArray().Select(m => m.GetString()));
        await Expect(HttpStatusCode.OK, co.Gm, "POST", $"/api/appraisals/{ids["E100"]}/review", """{"goal_actuals":[],"ratings":{"teamwork":5,"discipline":5},"comment":"带队有方"}""");
        notReady = await Expect(HttpStatusCode.Conflict, co.Hr, "POST", $"/api/appraisal/cycles/{cycle}/calibrate");
        Assert.Empty(notReady.GetProperty("not_reviewed").EnumerateArray());
        await co.CloseOctoberAsync();
        await Expect(HttpStatusCode.Forbidden, co.Head, "POST", $"/api/appraisal/cycles/{cycle}/calibrate");
        var calibrating = await Expect(HttpStatusCode.OK, co.Hr, "POST", $"/api/appraisal/cycles/{cycle}/calibrate");
        Assert.Equal("calibration", calibrating.GetProperty("status").GetString());

        // E101 by hand: KPI 98 (一车间's October total); goals 110/100 → 110 points; competency (4/5×100×60 + 5/5×100×40)/100 = 88.
        // Final (98×50 + 110×30 + 88×20)/100 = 99.6 → A, coefficient 1.2.
        var e101 = await Expect(HttpStatusCode.OK, co.Head, "GET", $"/api/appraisals/{ids["E101"]}");
        var result = e101.GetProperty("result");
        var parts = result.GetProperty("parts").EnumerateArray().ToDictionary(p => p.GetProperty("type").GetString()!);
        Assert.Equal(98m, parts["kpi"].GetProperty("score").GetDecimal());
        Assert.Equal(98m, parts["kpi"].GetProperty("kpi").GetProperty("total").GetDecimal());
        Assert.Equal(110m, parts["goals"].GetProperty("score").GetDecimal());
        Assert.Equal(88m, parts["competency"].GetProperty("score").GetDecimal());
        Assert.Equal(5, parts["competency"].GetProperty("items")[0].GetProperty("self_rating").GetInt32()); // shown, never counted
        Assert.Equal(99.6m, result.GetProperty("final").GetDecimal());
        Assert.Equal("A", result.GetProperty("grade").GetString());
        Assert.Equal(1.2m, result.GetProperty("coefficient").GetDecimal());
        Assert.Equal(["draft", "self_assessment", "manager_review", "calibration"],
            e101.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("to").GetString()).Prepend("draft"));
        Assert.Equal("e101", e101.GetProperty("history")[1].GetProperty("by").GetString());

        // E102 has no goals: the goals part has no data and its weight spreads, never a 0: (98×50 + 60×20)/70 = 87.142857… → B.
        var e102 = (await Expect(HttpStatusCode.OK, co.Hr, "GET", $"/api/appraisals/{ids["E102"]}")).GetProperty("result");
        Assert.False(e102.GetProperty("parts").EnumerateArray().Single(p => p.GetProperty("type").GetString() == "goals").GetProperty("has_data").GetBoolean());
        Assert.Equal(87.14m, Math.Round(e102.GetProperty("final").GetDecimal(), 2));
        Assert.Equal("B", e102.GetProperty("grade").GetString());

        // HR's calibration: a reason is required, the bounds hold, the employee cannot; before and after are audited.
        await Expect(HttpStatusCode.Forbidden, co.E102, "PUT", $"/api/appraisals/{ids["E102"]}/calibration", """{"adjustment":2,"reason":"自评"}""");
        var noReason = await Expect(HttpStatusCode.BadRequest, co.Hr, "PUT", $"/api/appraisals/{ids["E102"]}/calibration", """{"adjustment":12,"grade":"Z"}""");
        Assert.Equal(["adjustment", "grade", "reason"], noReason.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        var calibrated = await Expect(HttpStatusCode.OK, co.Hr, "PUT", $"/api/appraisals/{ids["E102"]}/calibration",
            """{"adjustment":2,"grade":null,"reason":"跨班支援"}""");
        Assert.Equal(89.14m, Math.Round(calibrated.GetProperty("result").GetProperty("final").GetDecimal(), 2));
        Assert.Equal("跨班支援", calibrated.GetProperty("calibration").GetProperty("reason").GetString());

        // The head: (98×50 + 100×20)/70 = 98.571… → A. Two A of three break "A at most floor(3×0.2+0.5) = 1": approval refused.
        var page = await Expect(HttpStatusCode.OK, co.Hr, "GET", $"/api/appraisal/cycles/{cycle}");
        var group = Assert.Single(page.GetProperty("distribution").EnumerateArray());
        Assert.Equal("cycle", group.GetProperty("group").GetString());
        Assert.Equal(2, group.GetProperty("grades").EnumerateArray().Single(g => g.GetProperty("grade").GetString() == "A").GetProperty("count").GetInt32());
        var refused = await Expect(HttpStatusCode.Conflict, co.Hr, "POST", $"/api/appraisal/cycles/{cycle}/approve", """{"override_reason":null}""");
        var violation = Assert.Single(refused.GetProperty("violations").EnumerateArray());
        Assert.Equal(("cycle", "A", 2, 1, "max"), (violation.GetProperty("group").GetString(), violation.GetProperty("grade").GetString(),
            violation.GetProperty("count").GetInt32(), violation.GetProperty("bound").GetInt32(), violation.GetProperty("kind").GetString()));
        await Expect(HttpStatusCode.Forbidden, co.Gm, "POST", $"/api/appraisal/cycles/{cycle}/approve", """{"override_reason":"总经理批准"}""");
        var approved = await Expect(HttpStatusCode.OK, co.Hr, "POST", $"/api/appraisal/cycles/{cycle}/approve", """{"override_reason":"小组仅三人，经总经理批准"}""");
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        Assert.Equal("A", Assert.Single(approved.GetProperty("overridden").EnumerateArray()).GetProperty("grade").GetString());

        // Until publication the employee sees where their appraisal stands, not its result, and has no form.
        var unpublished = await Expect(HttpStatusCode.OK, co.E101, "GET", $"/api/appraisals/{ids["E101"]}");
        Assert.Equal("approved", unpublished.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, unpublished.GetProperty("result").ValueKind);
        Assert.Equal(JsonValueKind.Null, unpublished.GetProperty("review").ValueKind);
        Assert.Equal(JsonValueKind.Null, Assert.Single(byEmployee.EnumerateArray()).GetProperty("final").ValueKind);
        await Expect(HttpStatusCode.Conflict, co.E101, "GET", $"/api/appraisals/{ids["E101"]}.pdf");

        await Expect(HttpStatusCode.Forbidden, co.Head, "POST", $"/api/appraisal/cycles/{cycle}/publish");
        var published = await Expect(HttpStatusCode.OK, co.Hr, "POST", $"/api/appraisal/cycles/{cycle}/publish");
        Assert.Equal(3, published.GetProperty("counts").GetProperty("published").GetInt32());

        // Published: the employee sees their result, and nothing changes any more.
        var mine = await Expect(HttpStatusCode.OK, co.E101, "GET", $"/api/appraisals/{ids["E101"]}");
        Assert.Equal(99.6m, mine.GetProperty("result").GetProperty("final").GetDecimal());
        Assert.Equal("工作扎实", mine.GetProperty("review").GetProperty("comment").GetString());
        var listed = Assert.Single((await Expect(HttpStatusCode.OK, co.E101, "GET", $"/api/appraisal/cycles/{cycle}/appraisals")).EnumerateArray());
        Assert.Equal(("A", 1.2m), (listed.GetProperty("grade").GetString(), listed.GetProperty("coefficient").GetDecimal()));
        await Expect(HttpStatusCode.Conflict, co.Hr, "PUT", $"/api/appraisals/{ids["E102"]}/calibration", """{"adjustment":0,"reason":"再改"}""");
        await Expect(HttpStatusCode.Conflict, co.Hr, "POST", $"/api/appraisals/{ids["E102"]}/reopen", """{"reason":"再评"}""");
        await Expect(HttpStatusCode.Conflict, co.Head, "PUT", $"/api/appraisals/{ids["E101"]}/goals", goals);
        await Expect(HttpStatusCode.Conflict, co.Hr, "POST", $"/api/appraisal/cycles/{cycle}/approve", "{}");

        // The audit trail holds calibration, the override and publication, each with who did it.
        var audit = await co.App.Admin().GetStringAsync("/api/audit?limit=200");
        Assert.Contains("appraisal.calibrated", audit);
        Assert.Contains("跨班支援", audit);
        Assert.Contains("小组仅三人", audit);
        Assert.Contains("appraisal_cycle.published", audit);

        await ExportReadsBackAsync(co, cycle);
        await FormReadsBackAsync(co, ids["E101"]);
    }

    /// <summary>The payroll export: one row per appraisal, numbers as numbers, the same bytes twice; HR's only.</summary>
    private static async Task ExportReadsBackAsync(AppraisalCompany co, long cycle)
    {
        await Expect(HttpStatusCode.Forbidden, co.Head, "GET", $"/api/appraisal/cycles/{cycle}/export.xlsx");
        var (response, xlsx) = await PackFiles.GetAsync(co.Hr, $"/api/appraisal/cycles/{cycle}/export.xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(xlsx, (await PackFiles.GetAsync(co.Hr, $"/api/appraisal/cycles/{cycle}/export.xlsx")).Bytes);

        using var workbook = new XLWorkbook(new MemoryStream(xlsx));
        var sheet = workbook.Worksheets.First();
        var header = FindRow(sheet, "E100") - 1;
        var columns = sheet.Row(header).CellsUsed().ToDictionary(c => c.GetString(), c => c.Address.ColumnNumber);
        var row = sheet.Row(FindRow(sheet, "E101"));
        Assert.Equal("李娜", row.Cell(columns["姓名"]).GetString());
        Assert.Equal("一车间", row.Cell(columns["部门"]).GetString());
        Assert.Equal("操作工", row.Cell(columns["岗位"]).GetString());
        var final = row.Cell(columns["最终得分"]);
        Assert.Equal(XLDataType.Number, final.DataType);
        Assert.Equal(99.6, final.GetDouble(), 9);
        var coefficient = row.Cell(columns["绩效系数"]);
        Assert.Equal(XLDataType.Number, coefficient.DataType);
        Assert.Equal(1.2, coefficient.GetDouble(), 9);
        Assert.Equal("A", row.Cell(columns["等级"]).GetString());
        Assert.Equal(98.0, row.Cell(columns["部门 KPI得分"]).GetDouble(), 9);
        Assert.Equal(110.0, row.Cell(columns["个人目标得分"]).GetDouble(), 9);
        Assert.Equal(88.0, row.Cell(columns["能力素质得分"]).GetDouble(), 9);
        var adjustment = sheet.Row(FindRow(sheet, "E102")).Cell(columns["加减分"]);
        Assert.Equal(2.0, adjustment.GetDouble(), 9);
        // A name from source data that reads like a formula stays text.
        var name = sheet.Row(FindRow(sheet, "E102")).Cell(columns["姓名"]);
        Assert.Equal("=1+2赵强", name.GetString());
        Assert.False(name.HasFormula);
    }

    /// <summary>The employee's form: every part's arithmetic, the comments, the three signature lines; the same bytes twice.</summary>
    private static async Task FormReadsBackAsync(AppraisalCompany co, long id)
    {
        await Expect(HttpStatusCode.Forbidden, co.E102, "GET", $"/api/appraisals/{id}.pdf");
        var (response, pdf) = await PackFiles.GetAsync(co.E101, $"/api/appraisals/{id}.pdf?lang=zh");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var text = string.Concat(PackFiles.PdfPages(pdf));
        foreach (var expected in new[] { "李娜", "E101", "一车间", "99.6", "工作扎实", "超额完成", "员工", "直属上级", "人力资源部", "团队协作", "降低损耗" })
            Assert.True(text.Contains(expected), $"the form lacks '{expected}': {text}");
        Assert.Equal(pdf, (await PackFiles.GetAsync(co.Hr, $"/api/appraisals/{id}.pdf?lang=zh")).Bytes);

        var (_, english) = await PackFiles.GetAsync(co.E101, $"/api/appraisals/{id}.pdf?lang=en");
        var en = string.Concat(PackFiles.PdfPages(english));
        Assert.Contains("99.6", en);
        Assert.Contains("Employee", en);
        Assert.Equal(english, (await PackFiles.GetAsync(co.E101, $"/api/appraisals/{id}.pdf?lang=en")).Bytes);
        await Expect(HttpStatusCode.BadRequest, co.E101, "GET", $"/api/appraisals/{id}.pdf?lang=fr");
    }

    private static int FindRow(IXLWorksheet sheet, string employeeNo) =>
        sheet.CellsUsed().First(c => c.GetString() == employeeNo).Address.RowNumber;
}
