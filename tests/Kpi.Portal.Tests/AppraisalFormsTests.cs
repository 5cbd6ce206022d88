using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Kpi.Portal.Tests.Support;
using Microsoft.Playwright;

namespace Kpi.Portal.Tests;

/// <summary>
/// The appraisal workflow in the browser, end to end, on a cycle of its own over 设备维修组 (PROD-MAINT) for the closed
/// month, so the demo's cycles other tests read stay as they are. HR sets the cycle up over the API; then, each signed
/// in through /login: the group's head sets an employee's goals through the goals form, the employee finds their
/// self-assessment on their home and submits it through the form, the head finds the review among what waits for them
/// and submits it with the self-assessment beside it, 生产部's head reviews the group's head; HR enters calibration,
/// calibrates one appraisal with a reason, is refused approval over the distribution policy and approves with an
/// override reason, publishes; the employee sees the published result. Every refusal is checked where a person sees
/// it: the field named beside its input, what they typed kept. The rest of the group's steps go through the API with
/// each person's own token, as their own programs would.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class AppraisalFormsTests(PortalApp app)
{
    private const string Password = PortalApp.DemoPassword;

    private const string TemplateJson = """
        {"code": "portal-forms", "name": "维修组考核(表单测试)", "self_assessment": true,
         "parts": [{"type": "kpi", "weight": 40}, {"type": "goals", "weight": 30},
                   {"type": "competency", "weight": 30, "scale": 5,
                    "items": [{"code": "teamwork", "name": "团队协作", "weight": 50}, {"code": "quality", "name": "工作质量", "weight": 50}]}],
         "adjustment": {"min": -10, "max": 10},
         "grades": [{"grade": "S", "min": 105}, {"grade": "A", "min": 95}, {"grade": "B", "min": 85}, {"grade": "C", "min": 70}, {"grade": "D", "min": 0}],
         "veto_applies_to": "heads",
         "distribution": {"group_by": "cycle", "S": {"max": 0.05}},
         "coefficients": {"S": 1.5, "A": 1.2, "B": 1.0, "C": 0.8, "D": 0.5}}
        """;

    private static readonly object StandardGoals = new
    {
        goals = new object[]
        {
            new { name = "预防性维护完成率", target = 100, weight = 60, direction = "higher", rule = new { type = "linear", cap = 1.2 } },
            new { name = "故障停机小时", target = 8, weight = 40, direction = "lower", rule = new { type = "linear", cap = 1.2 } },
        },
    };

    [BrowserFact]
    public async Task SmallCycle_RunsEndToEndThroughTheForms_AndTheEmployeeSeesThePublishedResult()
    {
        using var admin = app.Admin();
        var cycle = await SetUpCycleAsync(admin);
        var employee = cycle.Members.First(m => m.AppraiserEmployeeNo == cycle.HeadNo);
        var peer = cycle.Members.Last(m => m.AppraiserEmployeeNo == cycle.HeadNo && m.EmployeeNo != employee.EmployeeNo);
        var head = cycle.Members.Single(m => m.EmployeeNo == cycle.HeadNo);
        await NewUserAsync(admin, "maint-head", "manager", cycle.HeadNo);
        foreach (var m in cycle.Members.Where(m => m.EmployeeNo != cycle.HeadNo)) await NewUserAsync(admin, User(m), "employee", m.EmployeeNo);

        // The head sets the employee's goals through the form: weights that do not sum to 100 are refused, named, kept.
        var headPage = await app.SignedInAsync("maint-head");
        await PageChecks.VisitAsync(headPage, $"/appraisal/{employee.Id}/goals");
        await headPage.Locator("#goal-0-name").FillAsync("预防性维护完成率");
        await headPage.Locator("#goal-0-target").FillAsync("100");
        await headPage.Locator("#goal-0-weight").FillAsync("60");
        await headPage.Locator("#goal-0-parameter").FillAsync("1.2");
        await headPage.Locator("#goal-1-name").FillAsync("故障停机小时");
        await headPage.Locator("#goal-1-target").FillAsync("8");
        await headPage.Locator("#goal-1-weight").FillAsync("30");
        await headPage.Locator("#goal-1-direction").SelectOptionAsync("lower");
        var refused = await SubmitAsync(headPage, "form.goals button[type=submit]");
        Assert.Equal(400, refused);
        Assert.Contains("sum to 90", await headPage.Locator("[data-errors] li[data-field=goals]").InnerTextAsync());
        Assert.Equal("30", await headPage.Locator("#goal-1-weight").InputValueAsync());
        Assert.Equal("lower", await headPage.Locator("#goal-1-direction").InputValueAsync());
        await PageChecks.NoSeriousViolationAsync(headPage, "the goals form refused");
        await headPage.Locator("#goal-1-weight").FillAsync("40");
        await SubmitAsync(headPage, "form.goals button[type=submit]");
        Assert.EndsWith($"/appraisal/{employee.Id}?done=goals", headPage.Url);
        var goals = (await AppraisalAsync(admin, employee.Id)).GetProperty("goals");
        Assert.Equal(2, goals.GetArrayLength());
        Assert.Equal("lower", goals[1].GetProperty("direction").GetString());
        Assert.Equal(40m, goals[1].GetProperty("weight").GetDecimal());
        foreach (var m in cycle.Members.Where(m => m.Id != employee.Id))
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/appraisals/{m.Id}/goals", StandardGoals, PortalApp.Json)).StatusCode);

        // The employee finds their self-assessment on their home, and the form shows the goals read-only.
        var page = await app.SignedInAsync(User(employee));
        await PageChecks.NoSeriousViolationAsync(page, "the employee's home with a to-do");
        var todo = page.Locator($"ul[data-todo] li[data-step=self] a[href='/appraisal/{employee.Id}/self']");
        Assert.Equal(1, await todo.CountAsync());
        await todo.ClickAsync();
        await page.WaitForURLAsync($"**/appraisal/{employee.Id}/self");
        await PageChecks.NoSeriousViolationAsync(page, "the self-assessment form");
        Assert.Contains("预防性维护完成率", await page.Locator("#goals + p + .table-wrap").InnerTextAsync());
        Assert.Contains("团队协作", await page.Locator("label[for=rating-teamwork]").InnerTextAsync());
        Assert.Equal(6, await page.Locator("#rating-teamwork option").CountAsync()); // blank, then 1..5: the template's scale

        // A post without the antiforgery token is refused and changes nothing.
        var forged = page.Context.APIRequest.CreateFormData();
        forged.Set("actuals[0]", "90");
        forged.Set("actuals[1]", "9");
        forged.Set("comment", "forged");
        var noToken = await page.Context.APIRequest.PostAsync($"/appraisal/{employee.Id}/self", new() { Form = forged, MaxRedirects = 0 });
        Assert.Equal(400, noToken.Status);
        Assert.Equal("self_assessment", (await AppraisalAsync(admin, employee.Id)).GetProperty("status").GetString());

        // A word where a number goes, and an actual missing beside a given one: both named, what was typed kept.
        await page.Locator("#actual-0").FillAsync("九十五");
        await page.Locator("#rating-teamwork").SelectOptionAsync("4");
        await page.Locator("#comment").FillAsync("本月完成全部预防性维护计划。<b>不是标记</b>");
        Assert.Equal(400, await SubmitAsync(page, "form.submission button[type=submit]"));
        Assert.Equal(1, await page.Locator("[data-errors] li[data-field='goal_actuals[0]']").CountAsync());
        Assert.Equal(1, await page.Locator("[data-errors] li[data-field='goal_actuals[1]']").CountAsync());
        Assert.Equal("true", await page.Locator("#actual-0").GetAttributeAsync("aria-invalid"));
        Assert.Equal("九十五", await page.Locator("#actual-0").InputValueAsync());
        Assert.Equal("4", await page.Locator("#rating-teamwork").InputValueAsync());
        Assert.Equal("本月完成全部预防性维护计划。<b>不是标记</b>", await page.Locator("#comment").InputValueAsync());
        await PageChecks.NoSeriousViolationAsync(page, "the self-assessment refused");
        await page.Locator("#actual-0").FillAsync("95");
        await page.Locator("#actual-1").FillAsync("7");
        await SubmitAsync(page, "form.submission button[type=submit]");
        Assert.EndsWith($"/appraisal/{employee.Id}?done=self", page.Url);
        Assert.Equal("manager_review", await page.Locator("dd[data-status]").GetAttributeAsync("data-status"));
        await PageChecks.NoSeriousViolationAsync(page, "the appraisal after the self-assessment");
        // The employee's step is done: the form says so (409), it is not offered again.
        Assert.Equal(409, (await page.GotoAsync($"/appraisal/{employee.Id}/self"))!.Status);
        Assert.Equal(1, await page.Locator("[data-closed]").CountAsync());
        Assert.Equal(0, await page.Locator("form.submission").CountAsync());

        // A peer of the same group sees nothing of it: every form of that appraisal is 403.
        var peerPage = await app.SignedInAsync(User(peer));
        await PageChecks.VisitAsync(peerPage, $"/appraisal/{employee.Id}/self", 403);
        await PageChecks.VisitAsync(peerPage, $"/appraisal/{employee.Id}/review", 403);
        await PageChecks.VisitAsync(peerPage, $"/appraisal/{employee.Id}", 403);
        // …and the employee may not review themselves.
        Assert.Equal(403, (await page.GotoAsync($"/appraisal/{employee.Id}/review"))!.Status);

        // Everyone else's self-assessment through the API, with their own token.
        foreach (var m in cycle.Members.Where(m => m.Id != employee.Id))
        {
            using var own = await TokenClientAsync(m.EmployeeNo == cycle.HeadNo ? "maint-head" : User(m));
            var answer = await own.PostAsJsonAsync($"/api/appraisals/{m.Id}/self", new { goal_actuals = new[] { 96m, 8m }, ratings = new { teamwork = 4, quality = 4 } },
                PortalApp.Json);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        // The head: the cycle page scoped to their group without HR's forms, the review among what waits for them.
        await PageChecks.VisitAsync(headPage, $"/appraisal/cycles/{cycle.Id}");
        Assert.Equal(0, await headPage.Locator("form[action*='handler=']").CountAsync());
        Assert.Equal(0, await headPage.Locator("table[data-group]").CountAsync());
        Assert.Equal(cycle.Members.Count, await headPage.Locator("#appraisals + .table-wrap tbody tr").CountAsync());
        await PageChecks.VisitAsync(headPage, "/appraisal");
        // The demo's running cycle waits for the head too; this cycle's reviews are everyone's but the head's own.
        var reviews = headPage.Locator("ul[data-todo] li[data-step=review]").Filter(new() { HasText = "设备维修组考核" });
        Assert.Equal(cycle.Members.Count - 1, await reviews.CountAsync());
        await headPage.Locator($"ul[data-todo] a[href='/appraisal/{employee.Id}/review']").ClickAsync();
        await headPage.WaitForURLAsync($"**/appraisal/{employee.Id}/review");
        await PageChecks.NoSeriousViolationAsync(headPage, "the review form");
        Assert.Equal("95", (await headPage.Locator("td[data-self-actual]").First.InnerTextAsync()).Trim());
        Assert.Contains("4", await headPage.Locator("[data-self-rating=teamwork]").InnerTextAsync());
        Assert.Equal("本月完成全部预防性维护计划。<b>不是标记</b>", (await headPage.Locator("[data-self-comment]").InnerTextAsync()).Trim());
        await headPage.Locator("#actual-0").FillAsync("98");
        await headPage.Locator("#actual-1").FillAsync("6");
        await headPage.Locator("#rating-teamwork").SelectOptionAsync("5");
        await headPage.Locator("#comment").FillAsync("维护计划执行到位。");
        Assert.Equal(400, await SubmitAsync(headPage, "form.submission button[type=submit]"));
        Assert.Contains("is required", await headPage.Locator("[data-errors] li[data-field='ratings.quality']").InnerTextAsync());
        Assert.Contains("工作质量", await headPage.Locator("[data-errors] li[data-field='ratings.quality']").InnerTextAsync());
        Assert.NotNull(await headPage.Locator("#error-ratings-quality").TextContentAsync());
        Assert.Equal("5", await headPage.Locator("#rating-teamwork").InputValueAsync());
        Assert.Equal("维护计划执行到位。", await headPage.Locator("#comment").InputValueAsync());
        await PageChecks.NoSeriousViolationAsync(headPage, "the review refused");
        await headPage.Locator("#rating-quality").SelectOptionAsync("5");
        await SubmitAsync(headPage, "form.submission button[type=submit]");
        Assert.EndsWith($"/appraisal/{employee.Id}?done=review", headPage.Url);
        Assert.Equal("calibration", await headPage.Locator("dd[data-status]").GetAttributeAsync("data-status"));
        using (var own = await TokenClientAsync("maint-head"))
        {
            foreach (var m in cycle.Members.Where(m => m.AppraiserEmployeeNo == cycle.HeadNo && m.Id != employee.Id))
                Assert.Equal(HttpStatusCode.OK, (await own.PostAsJsonAsync($"/api/appraisals/{m.Id}/review",
                    new { goal_actuals = new[] { 96m, 8m }, ratings = new { teamwork = 3, quality = 4 }, comment = "良好" }, PortalApp.Json)).StatusCode);
        }

        // 生产部's head reviews the group's head through the form.
        var prod = await app.SignedInAsync("prod");
        await PageChecks.VisitAsync(prod, "/appraisal");
        Assert.Equal(1, await prod.Locator($"ul[data-todo] a[href='/appraisal/{head.Id}/review']").CountAsync());
        await PageChecks.VisitAsync(prod, $"/appraisal/{head.Id}/review");
        await prod.Locator("#actual-0").FillAsync("100");
        await prod.Locator("#actual-1").FillAsync("8");
        await prod.Locator("#rating-teamwork").SelectOptionAsync("4");
        await prod.Locator("#rating-quality").SelectOptionAsync("4");
        await SubmitAsync(prod, "form.submission button[type=submit]");
        Assert.EndsWith($"/appraisal/{head.Id}?done=review", prod.Url);

        // HR: calibration, one appraisal calibrated (a missing reason refused first), approval over the policy, publication.
        await app.WaitUntilClosedAsync(); // calibration needs the cycle's month closed, not being restated
        var hr = await app.SignedInAsync("hr");
        await PageChecks.VisitAsync(hr, $"/appraisal/cycles/{cycle.Id}");
        await SubmitAsync(hr, "form[action$='handler=Calibrate'] button");
        Assert.Equal("calibration", await hr.Locator("dd[data-cycle-status]").GetAttributeAsync("data-cycle-status"));
        await PageChecks.VisitAsync(hr, $"/appraisal/{employee.Id}");
        await hr.Locator("#adjustment").FillAsync("3");
        await hr.Locator("#grade").FillAsync("S");
        Assert.Equal(400, await SubmitAsync(hr, "form[action$='handler=Calibrate'] button"));
        Assert.Equal(1, await hr.Locator("[data-errors] li[data-field=reason]").CountAsync());
        Assert.Equal("3", await hr.Locator("#adjustment").InputValueAsync());
        Assert.Equal("S", await hr.Locator("#grade").InputValueAsync());
        await PageChecks.NoSeriousViolationAsync(hr, "the calibration refused");
        await hr.Locator("#reason").FillAsync("校准会议:设备零事故,提升等级");
        await SubmitAsync(hr, "form[action$='handler=Calibrate'] button");
        Assert.EndsWith($"/appraisal/{employee.Id}?done=calibrated", hr.Url);
        Assert.Equal("S", (await hr.Locator("dd[data-grade]").InnerTextAsync()).Trim());

        await PageChecks.VisitAsync(hr, $"/appraisal/cycles/{cycle.Id}");
        Assert.Equal(409, await SubmitAsync(hr, "form[action$='handler=Approve'] button"));
        Assert.Contains("S", await hr.Locator("[role=alert] ul.violations").InnerTextAsync());
        Assert.Equal("calibration", await hr.Locator("dd[data-cycle-status]").GetAttributeAsync("data-cycle-status"));
        await PageChecks.NoSeriousViolationAsync(hr, "approval refused over the policy");
        await hr.Locator("#overrideReason").FillAsync("总经理办公会批准:设备零事故");
        await SubmitAsync(hr, "form[action$='handler=Approve'] button");
        Assert.Equal("approved", await hr.Locator("dd[data-cycle-status]").GetAttributeAsync("data-cycle-status"));
        await SubmitAsync(hr, "form[action$='handler=Publish'] button");
        Assert.Equal("published", await hr.Locator("dd[data-cycle-status]").GetAttributeAsync("data-cycle-status"));
        await PageChecks.NoSeriousViolationAsync(hr, "the published cycle");

        // The employee sees their published result, calibrated, with its reason and the appraiser's comment.
        await PageChecks.VisitAsync(page, $"/appraisal/{employee.Id}");
        Assert.Equal("published", await page.Locator("dd[data-status]").GetAttributeAsync("data-status"));
        Assert.Equal("S", (await page.Locator("dd[data-grade]").InnerTextAsync()).Trim());
        Assert.Contains("校准会议", await page.Locator("[data-adjustment-reason]").InnerTextAsync());
        Assert.Equal("维护计划执行到位。", (await page.Locator("[data-review-comment]").InnerTextAsync()).Trim());
        Assert.Equal(0, await page.Locator("form").Filter(new() { Has = page.Locator("#adjustment") }).CountAsync());
       

        foreach (var p in new[] { headPage, page, peerPage, prod, hr }) await p.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Manager_ReadsTheCyclePagesScoped_WithoutHrForms()
    {
        var page = await app.SignedInAsync("prod", locale: "en-US");
        await PageChecks.VisitAsync(page, "/appraisal");
        var started = page.Locator("tr:has(td[data-status=started]) th a");
        Assert.True(await started.CountAsync() > 0, "the manager sees no running cycle");
        await started.First.ClickAsync();
        await page.WaitForURLAsync("**/appraisal/cycles/*");
        await PageChecks.NoSeriousViolationAsync(page, "a cycle as a manager reads it");
        Assert.Equal(0, await page.Locator("form[action*='handler=']").CountAsync());
        Assert.Equal(0, await page.Locator("table[data-group]").CountAsync());
        // Only their scope's appraisals: every department listed is 生产部 or below it.
        var departments = await page.Locator("#appraisals + .table-wrap tbody tr td:nth-child(2)").AllInnerTextsAsync();
        Assert.NotEmpty(departments);
        Assert.All(departments, d => Assert.StartsWith("PROD", d.Trim()));
        await page.Context.CloseAsync();
    }

    private sealed record Member(long Id, string EmployeeNo, string Name, string? AppraiserEmployeeNo);

    private sealed record TestCycle(long Id, string HeadNo, IReadOnlyList<Member> Members);

    private static string User(Member m) => $"maint-{m.EmployeeNo}".ToLowerInvariant();

    /// <summary>HR's set-up over the API: the template, a cycle over 设备维修组 for the closed month, started.</summary>
    private static async Task<TestCycle> SetUpCycleAsync(HttpClient admin)
    {
        var template = await admin.PostAsync("/api/appraisal/templates", new StringContent(TemplateJson, System.Text.Encoding.UTF8, "application/json"));
        Assert.True(template.StatusCode == HttpStatusCode.Created, await template.Content.ReadAsStringAsync());
        var nextMonth = DateOnly.ParseExact(PortalApp.Month + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).AddMonths(1);
        var created = await admin.PostAsJsonAsync("/api/appraisal/cycles",
            new
            {
                name = $"{PortalApp.Month} 设备维修组考核", template = "portal-forms", period = PortalApp.Month, departments = new[] { "PROD-MAINT" },
                self_due = nextMonth.AddDays(9), review_due = nextMonth.AddDays(19),
            }, PortalApp.Json);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(PortalApp.Json)).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/appraisal/cycles/{id}/start", null)).StatusCode);

        var list = await admin.GetFromJsonAsync<JsonElement>($"/api/appraisal/cycles/{id}/appraisals", PortalApp.Json);
        var members = list.EnumerateArray().Select(a => new Member(a.GetProperty("id").GetInt64(), a.GetProperty("employee_no").GetString()!,
            a.GetProperty("name").GetString()!, a.GetProperty("appraiser_employee_no").GetString())).ToList();
        // The group's head appraises everyone else in it; the head is appraised by 生产部's head.
        var headNo = members.GroupBy(m => m.AppraiserEmployeeNo).OrderByDescending(g => g.Count()).First().Key!;
        Assert.Contains(members, m => m.EmployeeNo == headNo);
        Assert.True(members.Count(m => m.AppraiserEmployeeNo == headNo) >= 2, "the group needs two people under its head");
        return new TestCycle(id, headNo, members);
    }

    private static async Task NewUserAsync(HttpClient admin, string username, string role, string employeeNo)
    {
        var answer = await admin.PostAsJsonAsync("/api/users", new { username, role, employee_no = employeeNo, password = Password }, PortalApp.Json);
        Assert.True(answer.StatusCode == HttpStatusCode.Created, $"{username}: {await answer.Content.ReadAsStringAsync()}");
    }

    private async Task<HttpClient> TokenClientAsync(string username)
    {
        var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var login = await client.PostAsJsonAsync("/api/auth/login", new { username, password = Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<JsonElement> AppraisalAsync(HttpClient admin, long id) =>
        await admin.GetFromJsonAsync<JsonElement>($"/api/appraisals/{id}", PortalApp.Json);

    /// <summary>Clicks a form's button and waits for the page it answers with; returns that answer's status.</summary>
    private static async Task<int> SubmitAsync(IPage page, string button)
    {
        // A step that succeeded redirects to the appraisal: the status is the final page's, not the redirect's.
        var response = await page.RunAndWaitForResponseAsync(() => page.Locator(button).ClickAsync(),
            r => r.Request.IsNavigationRequest && r.Status is not (301 or 302 or 303 or 307 or 308));
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        return response.Status;
    }
}
