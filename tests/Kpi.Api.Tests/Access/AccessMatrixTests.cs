using System.Net;
using System.Text;
using Kpi.Api.Tests.Support;
using Kpi.Storage;
using Kpi.Testing.Storage;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static Kpi.Api.Tests.Support.ApiCalls;

namespace Kpi.Api.Tests.Access;

/// <summary>
/// Every API endpoint against every kind of caller: anonymous, admin, HR, executive, a manager inside and outside
/// their scope, and an employee — signed in with an API key, a bearer token and a browser cookie alike (employees
/// have no keys: keys are for services). The table names the status each one gets; an endpoint the service maps but
/// the table lacks fails the test, so a new endpoint needs its line, which is the decision about who may call it.
/// Requests carry no valid body, so an allowed change answers 400 (or 404, 409) and changes nothing.
/// </summary>
public sealed class AccessMatrixTests
{
    public enum Via { Key, Token, Cookie }

    /// <param name="In">The URL in the manager's scope (department ZZ-A), or the only one.</param>
    /// <param name="Out">The URL outside it (ZZ-B), when the route names a department.</param>
    /// <param name="Expected">Anonymous, admin, hr, executive, manager in scope, manager out of scope, employee.</param>
    /// <param name="ByKey">Where an API key gets another answer than a user (keys have no password and no session).</param>
    private sealed record Row(string Method, string Route, string In, string? Out, string Expected, string? ByKey = null);

    private static readonly Row[] Table =
    [
        new("GET", "/api/departments/", "/api/departments", null, "401 200 200 200 200 200 403"),
        new("PUT", "/api/departments/{code}/head", "/api/departments/ZZ-A/head", null, "401 200 403 403 403 403 403"),
        new("GET", "/api/metrics/{department}/{period}", "/api/metrics/ZZ-A/2026-10", "/api/metrics/ZZ-B/2026-10", "401 200 200 200 200 403 403"),
        new("GET", "/api/metrics/{department}/{period}/{metric}/records", "/api/metrics/ZZ-A/2026-10/plan_completion/records",
            "/api/metrics/ZZ-B/2026-10/plan_completion/records", "401 200 200 200 200 403 403"),
        new("GET", "/api/scorecards/{department}", "/api/scorecards/ZZ-A", "/api/scorecards/ZZ-B", "401 404 404 404 404 403 403"),
        new("PUT", "/api/scorecards/{department}", "/api/scorecards/ZZ-A", "/api/scorecards/ZZ-B", "401 400 403 403 403 403 403"),
        new("GET", "/api/scorecards/{department}/{period}", "/api/scorecards/ZZ-A/2026-10", "/api/scorecards/ZZ-B/2026-10", "401 404 404 404 404 403 403"),
        new("POST", "/api/keys/", "/api/keys", null, "401 400 403 403 403 403 403"),
        new("GET", "/api/keys/", "/api/keys", null, "401 200 403 403 403 403 403"),
        new("DELETE", "/api/keys/{id:int}", "/api/keys/99999", null, "401 404 403 403 403 403 403"),
        new("GET", "/api/audit", "/api/audit", null, "401 200 403 403 403 403 403"),
        new("POST", "/api/imports/{kind}", "/api/imports/production", null, "401 400 403 403 403 403 403"),
        new("GET", "/api/imports/", "/api/imports", null, "401 200 403 403 403 403 403"),
        new("GET", "/api/imports/{id:long}", "/api/imports/99999", null, "401 404 403 403 403 403 403"),
        new("GET", "/api/periods/", "/api/periods", null, "401 200 200 200 200 200 403"),
        new("GET", "/api/periods/{period}", "/api/periods/2026-10", null, "401 200 200 200 200 200 403"),
        new("POST", "/api/periods/{period}/close", "/api/periods/2099-01/close", null, "401 409 403 403 403 403 403"),
        new("GET", "/api/packs/{department}/{period}.pdf", "/api/packs/ZZ-A/2026-10.pdf", "/api/packs/ZZ-B/2026-10.pdf", "401 404 404 404 404 403 403"),
        new("GET", "/api/packs/{department}/{period}.xlsx", "/api/packs/ZZ-A/2026-10.xlsx", "/api/packs/ZZ-B/2026-10.xlsx", "401 404 404 404 404 403 403"),
        new("GET", "/api/packs/{period}.zip", "/api/packs/2026-10.zip", null, "401 404 404 404 404 404 403"),
        new("GET", "/api/summary/{period}.pdf", "/api/summary/2026-10.pdf", null, "401 404 404 404 403 403 403"),
        new("GET", "/api/sources/", "/api/sources", null, "401 200 403 403 403 403 403"),
        new("GET", "/api/sources/{name}", "/api/sources/nope", null, "401 404 403 403 403 403 403"),
        new("PUT", "/api/sources/{name}", "/api/sources/nope", null, "401 400 403 403 403 403 403"),
        new("DELETE", "/api/sources/{name}", "/api/sources/nope", null, "401 404 403 403 403 403 403"),
        new("POST", "/api/sources/{name}/run", "/api/sources/nope/run", null, "401 404 403 403 403 403 403"),
        new("GET", "/api/sources/{name}/runs", "/api/sources/nope/runs", null, "401 404 403 403 403 403 403"),
        new("GET", "/api/subscriptions/", "/api/subscriptions", null, "401 200 403 403 403 403 403"),
        new("GET", "/api/subscriptions/{id:long}", "/api/subscriptions/99999", null, "401 404 403 403 403 403 403"),
        new("POST", "/api/subscriptions/", "/api/subscriptions", null, "401 400 403 403 403 403 403"),
        new("PUT", "/api/subscriptions/{id:long}", "/api/subscriptions/99999", null, "401 404 403 403 403 403 403"),
        new("DELETE", "/api/subscriptions/{id:long}", "/api/subscriptions/99999", null, "401 404 403 403 403 403 403"),
        new("POST", "/api/subscriptions/{id:long}/send", "/api/subscriptions/99999/send?period=2026-10", null, "401 404 403 403 403 403 403"),
        new("GET", "/api/deliveries/", "/api/deliveries?period=2026-10&status=failed", null, "401 200 403 403 403 403 403"),
        new("GET", "/api/deliveries/{id:long}", "/api/deliveries/99999", null, "401 404 403 403 403 403 403"),
        new("POST", "/api/deliveries/{id:long}/resend", "/api/deliveries/99999/resend", null, "401 404 403 403 403 403 403"),
        new("GET", "/api/mail/smtp/", "/api/mail/smtp", null, "401 200 403 403 403 403 403"),
        new("PUT", "/api/mail/smtp/", "/api/mail/smtp", null, "401 400 403 403 403 403 403"),
        new("DELETE", "/api/mail/smtp/", "/api/mail/smtp", null, "401 404 403 403 403 403 403"),
        new("POST", "/api/users/", "/api/users", null, "401 400 403 403 403 403 403"),
        new("GET", "/api/users/", "/api/users", null, "401 200 403 403 403 403 403"),
        new("GET", "/api/users/{id:int}", "/api/users/99999", null, "401 404 403 403 403 403 403"),
        new("PUT", "/api/users/{id:int}", "/api/users/99999", null, "401 404 403 403 403 403 403"),
        new("DELETE", "/api/users/{id:int}", "/api/users/99999", null, "401 404 403 403 403 403 403"),
        new("POST", "/api/appraisal/templates/", "/api/appraisal/templates", null, "401 400 400 403 403 403 403"),
        new("GET", "/api/appraisal/templates/", "/api/appraisal/templates", null, "401 200 200 200 200 200 200"),
        new("GET", "/api/appraisal/templates/{code}", "/api/appraisal/templates/nope", null, "401 404 404 404 404 404 404"),
        new("POST", "/api/appraisal/cycles/", "/api/appraisal/cycles", null, "401 400 400 403 403 403 403"),
        new("GET", "/api/appraisal/cycles/", "/api/appraisal/cycles", null, "401 200 200 200 200 200 200"),
        new("GET", "/api/appraisal/cycles/{id:long}", "/api/appraisal/cycles/99999", null, "401 404 404 404 404 404 404"),
        new("GET", "/api/appraisal/cycles/{id:long}/appraisals", "/api/appraisal/cycles/99999/appraisals", null, "401 404 404 404 404 404 404"),
        new("POST", "/api/appraisal/cycles/{id:long}/start", "/api/appraisal/cycles/99999/start", null, "401 404 404 403 403 403 403"),
        new("POST", "/api/appraisal/cycles/{id:long}/calibrate", "/api/appraisal/cycles/99999/calibrate", null, "401 404 404 403 403 403 403"),
        new("POST", "/api/appraisal/cycles/{id:long}/approve", "/api/appraisal/cycles/99999/approve", null, "401 404 404 403 403 403 403"),
        new("POST", "/api/appraisal/cycles/{id:long}/publish", "/api/appraisal/cycles/99999/publish", null, "401 404 404 403 403 403 403"),
        new("GET", "/api/appraisal/cycles/{id:long}/export.xlsx", "/api/appraisal/cycles/99999/export.xlsx", null, "401 404 404 403 403 403 403"),
        new("GET", "/api/appraisals/{id:long}", "/api/appraisals/99999", null, "401 404 404 404 404 404 404"),
        new("GET", "/api/appraisals/{id:long}.pdf", "/api/appraisals/99999.pdf", null, "401 404 404 404 404 404 404"),
        new("PUT", "/api/appraisals/{id:long}/goals", "/api/appraisals/99999/goals", null, "401 404 404 404 404 404 404"),
        new("POST", "/api/appraisals/{id:long}/self", "/api/appraisals/99999/self", null, "401 404 404 404 404 404 404"),
        new("POST", "/api/appraisals/{id:long}/review", "/api/appraisals/99999/review", null, "401 404 404 404 404 404 404"),
        new("PUT", "/api/appraisals/{id:long}/calibration", "/api/appraisals/99999/calibration", null, "401 404 404 403 403 403 403"),
        new("POST", "/api/appraisals/{id:long}/reopen", "/api/appraisals/99999/reopen", null, "401 404 404 403 403 403 403"),
        new("POST", "/api/appraisals/{id:long}/kpi/refresh", "/api/appraisals/99999/kpi/refresh", null, "401 404 404 403 403 403 403"),
        new("POST", "/api/auth/login", "/api/auth/login", null, "400 400 400 400 400 400 400"),
        new("POST", "/api/auth/refresh", "/api/auth/refresh", null, "401 401 401 401 401 401 401"),
        new("GET", "/api/auth/me", "/api/auth/me", null, "401 200 200 200 200 200 200"),
        new("POST", "/api/auth/password", "/api/auth/password", null, "401 400 400 400 400 400 400", ByKey: "401 403 403 403 403 403 -"),
        // Last: signing out ends the session the rest of the table runs on.
        new("POST", "/api/auth/logout", "/api/auth/logout", null, "401 204 204 204 204 - 204"),
    ];

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, Via.Key)]
    [InlineData(DatabaseProvider.Sqlite, Via.Token)]
    [InlineData(DatabaseProvider.Sqlite, Via.Cookie)]
    [PostgresData(Via.Key)]
    [PostgresData(Via.Token)]
    [PostgresData(Via.Cookie)]
    public async Task EveryEndpoint_AnswersEveryCaller_AsTheTableSays(DatabaseProvider provider, Via via)
    {
        using var app = await KpiApp.StartAsync(provider);
        await Upload(app.Admin(), "departments", Utf8Bom("code,name,parent_code\nZZ,示例公司,\nZZ-A,一车间,ZZ\nZZ-B,二车间,ZZ\n"), "text/csv");
        await Upload(app.Admin(), "staff", Utf8Bom("record_id,department,employee_no,name,position,hired_on,left_on,qualified\nS1,ZZ-B,E001,李娜,操作工,2021-01-01,,yes\n"), "text/csv");

        var callers = await CallersAsync(app, via);
        var failures = new List<string>();
        foreach (var row in Table)
        {
            var expected = (via == Via.Key ? row.ByKey ?? row.Expected : row.Expected).Split(' ');
            for (var who = 0; who < callers.Length; who++)
            {
                if (expected[who] == "-" || callers[who] is not { } client) continue;
                var url = who == 5 && row.Out is not null ? row.Out : row.In;
                using var request = new HttpRequestMessage(new HttpMethod(row.Method), url);
                if (row.Method is "POST" or "PUT") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                using var response = await client.SendAsync(request);
                if (((int)response.StatusCode).ToString() != expected[who])
                    failures.Add($"{row.Method} {url} as {Names[who]} by {via}: {(int)response.StatusCode}, expected {expected[who]}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task TheTable_NamesEveryApiEndpoint()
    {
        using var app = await KpiApp.StartAsync();
        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToHashSet();
        var listed = Table.Select(r => $"{r.Method} {r.Route}").ToHashSet();

        Assert.Empty(mapped.Except(listed));
        Assert.Empty(listed.Except(mapped));
    }

    private static readonly string[] Names = ["anonymous", "admin", "hr", "executive", "manager (in scope)", "manager (out of scope)", "employee"];

    /// <summary>One client per column; the two manager columns are the same manager (named on ZZ-A), asked about different departments.</summary>
    private static async Task<HttpClient?[]> CallersAsync(KpiApp app, Via via)
    {
        await app.NewUserAsync("hr1", "hr");
        await app.NewUserAsync("exec1", "executive");
        await app.NewUserAsync("mgr1", "manager", ["ZZ-A"]);
        await app.NewUserAsync("emp1", "employee", employeeNo: "E001");
        switch (via)
        {
            case Via.Key:
                var manager = await app.NewKeyAsync("manager", "ZZ-A");
                return [app.Anonymous(), app.Admin(), await app.NewKeyAsync("hr"), await app.NewKeyAsync("executive"), manager, manager, null];
            case Via.Token:
                var mgr = await app.WithTokenAsync("mgr1");
                return [app.Anonymous(), await app.WithTokenAsync(KpiApp.AdminUser, KpiApp.AdminPassword), await app.WithTokenAsync("hr1"),
                    await app.WithTokenAsync("exec1"), mgr, mgr, await app.WithTokenAsync("emp1")];
            default:
                var browser = await app.BrowserWithTokenAsync("mgr1");
                return [app.Anonymous(), await app.BrowserWithTokenAsync(KpiApp.AdminUser, KpiApp.AdminPassword), await app.BrowserWithTokenAsync("hr1"),
                    await app.BrowserWithTokenAsync("exec1"), browser, browser, await app.BrowserWithTokenAsync("emp1")];
        }
    }
}
