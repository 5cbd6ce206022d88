using BenchmarkDotNet.Attributes;
using Kpi.Api.Auth;
using Kpi.Domain.Access;
using Kpi.Jobs.Hosting;
using Kpi.Storage;
using Kpi.Storage.Access;
using Kpi.Storage.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Kpi.Benchmarks.Accounts;

/// <summary>
/// What signing in costs (the password hash check, which is slow on purpose), and what authenticating one request
/// costs once its key or token has been seen: the API's own authentication services on a real SQLite database,
/// asked as the middleware asks them, in a request scope of their own. Target: under 1 ms per request.
/// </summary>
[MemoryDiagnoser]
public class AuthBenchmarks
{
    private const string Password = "correct-horse-staple-9";
    private WebApplication _app = null!;
    private string _dataPath = null!;
    private KpiUser _user = null!;
    private string _key = null!;
    private string _token = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _dataPath = Directory.CreateTempSubdirectory("kpi-auth-bench-").FullName;
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["Kpi:DataDirectory"] = _dataPath;
        builder.Configuration["Logging:LogLevel:Default"] = "Warning";
        builder.AddKpiStorage();
        builder.AddKpiAuthentication();
        _app = builder.Build();

        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KpiDbContext>();
        await db.MigrateAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<KpiUser>>();
        _user = new KpiUser { UserName = "bench", DisplayName = "Bench", Role = Roles.Manager, Departments = "PROD", EmployeeNo = "E1" };
        var created = await users.CreateAsync(_user, Password);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        _key = "kpi_bench-key-0123456789abcdefghijklmnopqrstuvwx";
        db.ApiKeys.Add(new ApiKeyEntity { Name = "bench", Role = Roles.Hr, KeyHash = AccessCache.Hash(_key), Prefix = "kpi_bench", CreatedBy = "bench" });
        await db.SaveChangesAsync();
        _token = (await scope.ServiceProvider.GetRequiredService<Sessions>().OpenTokenAsync(_user, null, CancellationToken.None)).AccessToken;
        // Seen once: the cache holds the key, the session, the user and the heads from here on, as for a busy service.
        await AuthenticateAsync("X-Api-Key", _key);
        await AuthenticateAsync("Authorization", $"Bearer {_token}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataPath, recursive: true);
    }

    [Benchmark]
    public async Task<bool> SignIn()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<KpiUser>>().CheckPasswordAsync(_user, Password);
    }

    [Benchmark]
    public Task<bool> RequestWithApiKey() => AuthenticateAsync("X-Api-Key", _key);

    [Benchmark]
    public Task<bool> RequestWithBearerToken() => AuthenticateAsync("Authorization", $"Bearer {_token}");

    /// <summary>Authenticates one request as the middleware does, claims transformation included.</summary>
    private async Task<bool> AuthenticateAsync(string header, string value)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Path = "/api/metrics/PROD/2026-10";
        context.Request.Headers[header] = value;
        var result = await context.AuthenticateAsync();
        if (!result.Succeeded) throw new InvalidOperationException($"not authenticated: {result.Failure?.Message}");
        var principal = await scope.ServiceProvider.GetRequiredService<IClaimsTransformation>().TransformAsync(result.Principal);
        return principal.Identity?.IsAuthenticated == true;
    }
}
