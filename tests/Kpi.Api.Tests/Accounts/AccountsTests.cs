using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Kpi.Api.Tests.Support;
using Kpi.Storage;
using Kpi.Testing.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Kpi.Api.Tests.Support.ApiCalls;

namespace Kpi.Api.Tests.Accounts;

/// <summary>
/// People's accounts over HTTP on a real database: users created by an admin, signing in for tokens, refreshing,
/// signing out, changing passwords, deactivation, department heads and the scope they give, and the audit trail.
/// </summary>
public sealed class AccountsTests
{
    private const string Org = "code,name,parent_code\nZZ,示例公司,\nZZ-A,一车间,ZZ\nZZ-A1,一班,ZZ-A\nZZ-B,二车间,ZZ\n";
    private const string Staff = "record_id,department,employee_no,name,position,hired_on,left_on,qualified\n"
                                 + "S1,ZZ-A,E001,张伟,车间主任,2020-01-01,,yes\nS2,ZZ-A1,E002,李娜,操作工,2021-01-01,,yes\nS3,ZZ-B,E003,王芳,车间主任,2019-01-01,,yes\n";

    private static async Task<KpiApp> StartAsync(DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var app = await KpiApp.StartAsync(provider);
        await Upload(app.Admin(), "departments", Utf8Bom(Org), "text/csv");
        await Upload(app.Admin(), "staff", Utf8Bom(Staff), "text/csv");
        return app;
    }

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task CreatedUser_SignsIn_Refreshes_SignsOut(DatabaseProvider provider)
    {
        using var app = await StartAsync(provider);
        await app.NewUserAsync("zhang.wei", "manager", ["ZZ-A"], "E001");

        var pair = await app.LoginAsync("zhang.wei", KpiApp.UserPassword);
        Assert.Equal("Bearer", pair.GetProperty("token_type").GetString());
        Assert.Equal(900, pair.GetProperty("expires_in").GetInt32());
        var token = Client(app, pair.GetProperty("access_token").GetString()!);
        var me = await token.GetFromJsonAsync<JsonElement>("/api/auth/me", KpiApp.Json);
        Assert.Equal(("zhang.wei", "manager", "token", "E001"), (me.GetProperty("username").GetString(), me.GetProperty("role").GetString(),
            me.GetProperty("via").GetString(), me.GetProperty("employee_no").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await token.GetAsync("/api/metrics/ZZ-A1/2026-10")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await token.GetAsync("/api/metrics/ZZ-B/2026-10")).StatusCode);

        // Refreshing gives a new pair; the old refresh token then ends the session (it was stolen, or replayed).
        var refreshed = await Refresh(app, pair.GetProperty("refresh_token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var next = await refreshed.Content.ReadFromJsonAsync<JsonElement>(KpiApp.Json);
        var second = Client(app, next.GetProperty("access_token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await token.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Refresh(app, pair.GetProperty("refresh_token").GetString()!)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/auth/me")).StatusCode);

        // Signing out ends the token and its refresh token.
        var third = await app.LoginAsync("zhang.wei", KpiApp.UserPassword);
        var client = Client(app, third.GetProperty("access_token").GetString()!);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/auth/logout", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Refresh(app, third.GetProperty("refresh_token").GetString()!)).StatusCode);
    }

    [Fact]
    public async Task UnknownUserAndWrongPassword_GetTheSameAnswer_ThenTooManyFailures_Are429WithRetryAfter()
    {
        using var app = await StartAsync();
        await app.NewUserAsync("li.na", "employee", employeeNo: "E002");

        var unknown = await Login(app, "nobody", "whatever-password");
        var wrong = await Login(app, "li.na", "not-the-password");
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(await Detail(unknown), await Detail(wrong));

        for (var i = 1; i < 5; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await Login(app, "li.na", "not-the-password")).StatusCode);
        var locked = await Login(app, "li.na", KpiApp.UserPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.True(int.Parse(locked.Headers.GetValues("Retry-After").Single()) > 0);
        // An unknown name is throttled the same way, so 429 does not tell which names exist.
        for (var i = 1; i < 5; i++) await Login(app, "nobody", "whatever-password");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Login(app, "nobody", "whatever-password")).StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KpiDbContext>();
        var failures = await db.Audit.Where(a => a.Action == "auth.sign_in_failed").ToListAsync();
        Assert.Contains(failures, f => f.Actor == "nobody" && f.Details!.Contains("unknown user") && f.Details.Contains("address"));
    }

    [Fact]
    public async Task InitialPassword_IsShownOnce_AndMustBeChangedBeforeAnythingElse()
    {
        using var app = await StartAsync();
        var created = await app.Admin().PostAsJsonAsync("/api/users", new { username = "wang.fang", display_name = "王芳", role = "manager", employee_no = "E003" }, KpiApp.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(KpiApp.Json);
        var initial = body.GetProperty("initial_password").GetString()!;
        Assert.Matches("^[a-z2-9]{4}(-[a-z2-9]{4}){3}$", initial);
        Assert.DoesNotContain(initial, await app.Admin().GetStringAsync("/api/users"));

        var token = Client(app, (await app.LoginAsync("wang.fang", initial)).GetProperty("access_token").GetString()!);
        var blocked = await token.GetAsync("/api/departments");
        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
        Assert.Contains("password", await Detail(blocked));
        var tooShort = await token.PostAsJsonAsync("/api/auth/password", new { current_password = initial, new_password = "short" }, KpiApp.Json);
        Assert.Equal("new_password", (await tooShort.Content.ReadFromJsonAsync<JsonElement>(KpiApp.Json)).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.NoContent,
            (await token.PostAsJsonAsync("/api/auth/password", new { current_password = initial, new_password = "wang-fang-new-2026" }, KpiApp.Json)).StatusCode);
        // The session that changed the password goes on, now unblocked; the old password no longer works.
        Assert.Equal(HttpStatusCode.OK, (await token.GetAsync("/api/departments")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Login(app, "wang.fang", initial)).StatusCode);
    }

    [Theory]
    [InlineData("""{"username":"user1","role":"owner"}""", "role")]
    [InlineData("""{"username":"user2","role":"manager","departments":["NOPE"]}""", "departments")]
    [InlineData("""{"username":"user3","role":"hr","departments":["ZZ"]}""", "departments")]
    [InlineData("""{"username":"user4","role":"employee","employee_no":"E999"}""", "employee_no")]
    [InlineData("""{"username":"admin","role":"hr"}""", "username")]
    [InlineData("""{"username":"a b","role":"hr"}""", "username")]
    [InlineData("""{"username":"user5","role":"hr","email":"not-an-email"}""", "email")]
    [InlineData("""{"username":"user6","role":"hr","password":"123"}""", "password")]
    public async Task BadUserRequests_Are400NamingTheField(string body, string field)
    {
        using var app = await StartAsync();

        var response = await app.Admin().PostAsync("/api/users", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await response.Content.ReadFromJsonAsync<JsonElement>(KpiApp.Json)).GetProperty("field").GetString());
    }

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task Deactivation_EndsTokensAndCookiesAtOnce_AndIsAudited(DatabaseProvider provider)
    {
        using var app = await StartAsync(provider);
        var id = await app.NewUserAsync("li.na", "employee", employeeNo: "E002");
        var token = await app.WithTokenAsync("li.na");
        var browser = await app.BrowserAsync("li.na");
        Assert.Equal(HttpStatusCode.OK, (await token.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/auth/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await app.Admin().DeleteAsync($"/api/users/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await token.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Login(app, "li.na", KpiApp.UserPassword)).StatusCode);
        var user = await app.Admin().GetFromJsonAsync<JsonElement>($"/api/users/{id}", KpiApp.Json);
        Assert.False(user.GetProperty("active").GetBoolean());

        var audit = await app.Admin().GetFromJsonAsync<JsonElement>($"/api/audit?entity=user&key={id}", KpiApp.Json);
        var deactivated = audit.GetProperty("entries").EnumerateArray().First(e => e.GetProperty("action").GetString() == "user.deactivated");
        Assert.Equal("bootstrap-admin", deactivated.GetProperty("actor").GetString()); // the admin key's name
        Assert.True(deactivated.GetProperty("details").GetProperty("before").GetProperty("active").GetBoolean());
        Assert.False(deactivated.GetProperty("details").GetProperty("after").GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task HeadOfADepartment_ManagesItsSubtree_WhateverTheyAreNamedOn()
    {
        using var app = await StartAsync();
        await app.NewUserAsync("wang.fang", "manager", employeeNo: "E003");
        var manager = await app.WithTokenAsync("wang.fang");
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/metrics/ZZ-B/2026-10")).StatusCode);

        var head = await app.Admin().PutAsJsonAsync("/api/departments/ZZ-B/head", new { employee_no = "E003" }, KpiApp.Json);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("王芳", (await head.Content.ReadFromJsonAsync<JsonElement>(KpiApp.Json)).GetProperty("name").GetString());

        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/metrics/ZZ-B/2026-10")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/metrics/ZZ-A/2026-10")).StatusCode);
        var me = await manager.GetFromJsonAsync<JsonElement>("/api/auth/me", KpiApp.Json);
        Assert.Equal(["ZZ-B"], me.GetProperty("heads").EnumerateArray().Select(h => h.GetString()));
        var tree = await manager.GetStringAsync("/api/departments");
        Assert.Contains("\"code\":\"ZZ-B\"", tree);
        Assert.DoesNotContain("ZZ-A", tree);

        // The departments import sets heads too, at once for this host's callers and audited as the API's change is;
        // a file without the column leaves them.
        await Upload(app.Admin(), "departments", Utf8Bom("code,name,parent_code,head_employee_no\nZZ-A,一车间,ZZ,E003\n"), "text/csv");
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/metrics/ZZ-A/2026-10")).StatusCode);
        var imported = (await app.Admin().GetFromJsonAsync<JsonElement>("/api/audit?entity=department&key=ZZ-A", KpiApp.Json))
            .GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("action").GetString() == "department.head_changed");
        Assert.Equal("bootstrap-admin", imported.GetProperty("actor").GetString());
        Assert.Equal("E003", imported.GetProperty("details").GetProperty("after").GetString());
        Assert.Equal("import", imported.GetProperty("details").GetProperty("via").GetString());
        await Upload(app.Admin(), "departments", Utf8Bom("code,name,parent_code\nZZ-A,一车间,ZZ\n"), "text/csv");
        Assert.Contains("\"head_employee_no\":\"E003\"", await app.Admin().GetStringAsync("/api/departments"));

        Assert.Equal("employee_no", (await (await app.Admin().PutAsJsonAsync("/api/departments/ZZ-B/head", new { employee_no = "E404" }, KpiApp.Json))
            .Content.ReadFromJsonAsync<JsonElement>(KpiApp.Json)).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.OK, (await app.Admin().PutAsJsonAsync("/api/departments/ZZ-B/head", new { employee_no = (string?)null }, KpiApp.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/metrics/ZZ-B/2026-10")).StatusCode);
        Assert.Contains("department.head_changed", await app.Admin().GetStringAsync("/api/audit?entity=department"));
    }

    private static HttpClient Client(KpiApp app, string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static Task<HttpResponseMessage> Login(KpiApp app, string username, string password) =>
        app.Anonymous().PostAsJsonAsync("/api/auth/login", new { username, password }, KpiApp.Json);

    private static Task<HttpResponseMessage> Refresh(KpiApp app, string refreshToken) =>
        app.Anonymous().PostAsJsonAsync("/api/auth/refresh", new { refresh_token = refreshToken }, KpiApp.Json);

    private static async Task<string> Detail(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(KpiApp.Json)).GetProperty("detail").GetString()!;
}
