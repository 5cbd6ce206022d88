using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kpi.Api.Tests.Support;
using Kpi.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kpi.Api.Tests.Sources;

/// <summary>
/// Source secrets through the API (issue 14, items 2 and 6): every password keyword of a connection string is masked in
/// the API and the audit; a credential is refused where it would be shown (the URL's query, plain headers); and a
/// masked secret is kept only for the origin or server it was given for.
/// </summary>
public sealed class SourceSecretsApiTests
{
    private static object Sql(string connectionString) => new
    {
        kind = "budget", connector = "sql", schedule = new { cron = "0 2 * * *" },
        options = new { provider = "postgres", connection_string = connectionString, query = "SELECT * FROM budget" },
    };

    private static object Http(string url, object? secretHeaders = null, object? secretQuery = null, object? headers = null) => new
    {
        kind = "production", connector = "http", schedule = new { cron = "0 2 * * *" },
        options = new
        {
            url,
            headers = headers ?? new Dictionary<string, string>(),
            secret_headers = secretHeaders ?? new Dictionary<string, string>(),
            secret_query = secretQuery ?? new Dictionary<string, string>(),
        },
    };

    [Theory]
    [InlineData("Host=erp.example.com;Username=kpi;PSW=pa55-Psw-123")]
    [InlineData("Host=erp.example.com;Username=kpi;Password=x;SSL Password=pa55-Psw-123")]
    [InlineData("Host=erp.example.com;Username=kpi;pwd=\"pa55-Psw-123\"")]
    [InlineData("Server=erp.example.com;User Id=kpi;PASSWORD = pa55-Psw-123")]
    public async Task PasswordInAnySpelling_IsNeverShown_NorAudited(string connectionString)
    {
        using var app = await KpiApp.StartAsync();
        var admin = app.Admin();

        var created = await admin.PutAsJsonAsync("/api/sources/erp", Sql(connectionString), KpiApp.Json);
        var one = await admin.GetStringAsync("/api/sources/erp");
        var all = await admin.GetStringAsync("/api/sources");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.DoesNotContain("pa55-Psw-123", await created.Content.ReadAsStringAsync());
        Assert.DoesNotContain("pa55-Psw-123", one);
        Assert.DoesNotContain("pa55-Psw-123", all);
        Assert.Contains("********", one);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KpiDbContext>();
        Assert.DoesNotContain(await db.Audit.Where(a => a.Entity == "source").Select(a => a.Details!).ToListAsync(), d => d.Contains("pa55-Psw-123"));
        Assert.DoesNotContain("pa55-Psw-123", (await db.Sources.SingleAsync()).Options);
    }

    [Theory]
    [InlineData("https://mes.example.com/api?access_token=abc123", null, "options.url")]
    [InlineData("https://mes.example.com/api?line=L1&api_key=abc123", null, "options.url")]
    [InlineData("https://mes.example.com/api?sig=abc123", null, "options.url")]
    [InlineData("https://mes.example.com/api", "X-Api-Key", "options.headers.X-Api-Key")]
    [InlineData("https://mes.example.com/api", "Authorization", "options.headers.Authorization")]
    public async Task CredentialWhereItWouldBeShown_Is400_PointingToTheSecretFields(string url, string? header, string field)
    {
        using var app = await KpiApp.StartAsync();
        var headers = header is null ? null : new Dictionary<string, string> { [header] = "abc123" };

        var response = await app.Admin().PutAsJsonAsync("/api/sources/mes", Http(url, headers: headers), KpiApp.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(KpiApp.Json);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Contains("secret_", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task MaskedSecrets_AreKeptForTheSameOrigin_AndRefusedForANewOne()
    {
        using var app = await KpiApp.StartAsync();
        var admin = app.Admin();
        var secretHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer s3cret-token" };
        var secretQuery = new Dictionary<string, string> { ["api_key"] = "s3cret-key" };
        var masked = new Dictionary<string, string> { ["Authorization"] = "********" };
        var maskedQuery = new Dictionary<string, string> { ["api_key"] = "********" };
        Assert.Equal(HttpStatusCode.Created,
            (await admin.PutAsJsonAsync("/api/sources/mes", Http("https://mes.example.com/api/production", secretHeaders, secretQuery), KpiApp.Json)).StatusCode);

        var samePlace = await admin.PutAsJsonAsync("/api/sources/mes", Http("https://mes.example.com:443/api/v2/production", masked, maskedQuery), KpiApp.Json);
        var newHost = await admin.PutAsJsonAsync("/api/sources/mes", Http("https://collector.example.net/api/production", masked), KpiApp.Json);
        var newScheme = await admin.PutAsJsonAsync("/api/sources/mes", Http("http://mes.example.com/api/production", null, maskedQuery), KpiApp.Json);
        var givenAgain = await admin.PutAsJsonAsync("/api/sources/mes", Http("https://collector.example.net/api/production", secretHeaders), KpiApp.Json);

        Assert.Equal(HttpStatusCode.OK, samePlace.StatusCode);
        await AssertRefused(newHost, "options.secret_headers.Authorization");
        await AssertRefused(newScheme, "options.secret_query.api_key");
        Assert.Equal(HttpStatusCode.OK, givenAgain.StatusCode);
    }

    [Fact]
    public async Task MaskedPassword_IsKeptForTheSameServer_AndRefusedForANewOne()
    {
        using var app = await KpiApp.StartAsync();
        var admin = app.Admin();
        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync("/api/sources/erp", Sql("Host=erp.example.com;Username=kpi;Password=pa55word"), KpiApp.Json)).StatusCode);

        var sameServer = await admin.PutAsJsonAsync("/api/sources/erp", Sql("Host=erp.example.com;Database=gl;Username=kpi;Password=********"), KpiApp.Json);
        var newServer = await admin.PutAsJsonAsync("/api/sources/erp", Sql("Host=db.example.net;Username=kpi;Password=********"), KpiApp.Json);
        var newPort = await admin.PutAsJsonAsync("/api/sources/erp", Sql("Host=erp.example.com;Port=6543;Username=kpi;Password=********"), KpiApp.Json);

        Assert.Equal(HttpStatusCode.OK, sameServer.StatusCode);
        await AssertRefused(newServer, "options.connection_string", "send the Password again for the new server");
        await AssertRefused(newPort, "options.connection_string", "send the Password again for the new server");
    }

    private static async Task AssertRefused(HttpResponseMessage response, string field, string reason = "send the secret again for the new host")
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(KpiApp.Json);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Contains(reason, problem.GetProperty("detail").GetString());
    }
}
