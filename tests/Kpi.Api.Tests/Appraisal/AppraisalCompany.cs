using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kpi.Api.Tests.Support;
using Kpi.Testing.Http;
using static Kpi.Api.Tests.Support.ApiCalls;

namespace Kpi.Api.Tests.Appraisal;

/// <summary>
/// A small company for appraisal over HTTP: 示例公司 (ZZ, headed by the general manager E000) with 一车间 (ZZ-A, headed
/// by E100, with E101 and E102, whose name reads like a formula) and 二车间 (ZZ-B, E200). 一车间's scorecard scores plan completion only, and October
/// 2026 gives it 98/100: a scorecard total of 98. The users sign in with bearer tokens as people would: HR (no
/// employee), the general manager (executive, E000, who appraises the head E100), the head E100 (manager by heading
/// 一车间, who appraises E101 and E102), and the employees E101, E102 and E200.
/// </summary>
internal sealed class AppraisalCompany
{
    public const string Period = "2026-10";

    /// <summary>The contract's example template (issue 11).</summary>
    public const string Template = """
        {"code": "staff-2026", "name": "员工考核", "self_assessment": true,
         "parts": [{"type": "kpi", "weight": 50},
                   {"type": "goals", "weight": 30},
                   {"type": "competency", "weight": 20, "scale": 5,
                    "items": [{"code": "teamwork", "name": "团队协作", "weight": 60},
                              {"code": "discipline", "name": "工作纪律", "weight": 40}]}],
         "adjustment": {"min": -10, "max": 10},
         "grades": [{"grade": "S", "min": 105}, {"grade": "A", "min": 95}, {"grade": "B", "min": 85},
                    {"grade": "C", "min": 70}, {"grade": "D", "min": 0}],
         "veto_applies_to": "heads",
         "distribution": {"group_by": "cycle", "S": {"max": 0.1}, "A": {"max": 0.2}, "D": {"min": 0.05}},
         "coefficients": {"S": 1.5, "A": 1.2, "B": 1.0, "C": 0.8, "D": 0.5}}
        """;

    private AppraisalCompany(KpiApp app) => App = app;

    public KpiApp App { get; }
    public HttpClient Hr { get; private set; } = null!;
    public HttpClient Gm { get; private set; } = null!;
    public HttpClient Head { get; private set; } = null!;
    public HttpClient E101 { get; private set; } = null!;
    public HttpClient E102 { get; private set; } = null!;
    public HttpClient E200 { get; private set; } = null!;

    public static async Task<AppraisalCompany> StartAsync(Kpi.Storage.DatabaseProvider provider)
    {
        var app = await KpiApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Kpi:Close:ScheduleEnabled"] = "false", ["Kpi:Appraisal:RemindersEnabled"] = "false",
        });
        var admin = app.Admin();
        await Upload(admin, "departments", Utf8Bom("code,name,parent_code,head_employee_no\nZZ,示例公司,,E000\nZZ-A,一车间,ZZ,E100\nZZ-B,二车间,ZZ,E200\n"), "text/csv");
        await Upload(admin, "staff", Utf8Bom("""
            record_id,department,employee_no,name,position,hired_on,left_on,qualified
            S0,ZZ,E000,王总,总经理,2015-01-01,,yes
            S1,ZZ-A,E100,张伟,车间主任,2018-03-01,,yes
            S2,ZZ-A,E101,李娜,操作工,2021-01-01,,yes
            S3,ZZ-A,E102,=1+2赵强,操作工,2022-06-01,,yes
            S4,ZZ-B,E200,陈静,车间主任,2019-01-01,,yes
            S5,ZZ-A,E103,孙离,操作工,2020-01-01,2026-09-30,yes

            """), "text/csv");
        await Upload(admin, "production", Utf8Bom($"record_id,department,date,planned_qty,actual_qty\nP1,ZZ-A,{Period}-15,100,98\n"), "text/csv");
        var card = await admin.PutAsync("/api/scorecards/ZZ-A",
            Json("""{"lines":[{"metric":"plan_completion","target":1.0,"weight":100,"rule":{"type":"linear","cap":1.2}}]}"""));
        Assert.Equal(HttpStatusCode.OK, card.StatusCode);

        await app.NewUserAsync("hr1", "hr");
        await app.NewUserAsync("gm1", "executive", employeeNo: "E000");
        await app.NewUserAsync("head", "manager", employeeNo: "E100");
        await app.NewUserAsync("e101", "employee", employeeNo: "E101");
        await app.NewUserAsync("e102", "employee", employeeNo: "E102");
        await app.NewUserAsync("e200", "employee", employeeNo: "E200");
        var company = new AppraisalCompany(app)
        {
            Hr = await app.WithTokenAsync("hr1"),
            Gm = await app.WithTokenAsync("gm1"),
            Head = await app.WithTokenAsync("head"),
            E101 = await app.WithTokenAsync("e101"),
            E102 = await app.WithTokenAsync("e102"),
            E200 = await app.WithTokenAsync("e200"),
        };
        return company;
    }

    /// <summary>The template, then a cycle over 一车间 for October; the cycle's id.</summary>
    public async Task<long> CreateCycleAsync(string template = Template, bool selfAssessment = true)
    {
        var code = JsonDocument.Parse(template).RootElement.GetProperty("code").GetString();
        if ((await Hr.GetAsync($"/api/appraisal/templates/{code}")).StatusCode == HttpStatusCode.NotFound)
            await Expect(HttpStatusCode.Created, Hr, "POST", "/api/appraisal/templates", template);
        var cycle = await Expect(HttpStatusCode.Created, Hr, "POST", "/api/appraisal/cycles",
            $$"""{"name":"2026年10月考核","template":"{{code}}","period":"{{Period}}","departments":["ZZ-A"],"self_due":{{(selfAssessment ? "\"2026-11-10\"" : "null")}},"review_due":"2026-11-20"}""");
        return cycle.GetProperty("id").GetInt64();
    }

    /// <summary>The ids of a cycle's appraisals by employee_no, as HR lists them.</summary>
    public async Task<Dictionary<string, long>> AppraisalIdsAsync(long cycle)
    {
        var list = await Expect(HttpStatusCode.OK, Hr, "GET", $"/api/appraisal/cycles/{cycle}/appraisals");
        return list.EnumerateArray().ToDictionary(a => a.GetProperty("employee_no").GetString()!, a => a.GetProperty("id").GetInt64());
    }

    /// <summary>Closes October through the API and waits until its packs are rendered.</summary>
    public Task CloseOctoberAsync() => PeriodClosing.CloseAsync(App.Admin(), Period);

    /// <summary>Sends a request and asserts its status, saying what came back when it is another.</summary>
    public static async Task<JsonElement> Expect(HttpStatusCode status, HttpClient client, string method, string url, string? body = null)
    {
        var (actual, json) = await Send(client, method, url, body);
        Assert.True(actual == status, $"{method} {url}: {(int)actual}, expected {(int)status}: {json}");
        return json;
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> Send(HttpClient client, string method, string url, string? body = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null) request.Content = Json(body);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
