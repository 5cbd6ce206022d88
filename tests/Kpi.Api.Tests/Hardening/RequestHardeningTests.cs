using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kpi.Api.Tests.Support;

namespace Kpi.Api.Tests.Hardening;

/// <summary>
/// What a careless or hostile request got before: bare statuses without a reason, a close of a month whose trends
/// reach before 1900 accepted and then failing, a configured admin key's beginning stored for lists, and a data
/// directory anyone on the machine could read.
/// </summary>
public sealed class RequestHardeningTests
{
    [Fact]
    public async Task ParameterThatDoesNotBind_Is400NamingIt()
    {
        using var app = await KpiApp.StartAsync();

        var response = await app.Admin().GetAsync("/api/packs/ZZ/2026-10.pdf?version=99999999999");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(KpiApp.Json);
        Assert.Equal("version", problem.GetProperty("field").GetString());
        Assert.Contains("99999999999", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task BodyOfTheWrongType_Is415WithAReason()
    {
        using var app = await KpiApp.StartAsync();

        var response = await app.Admin().PostAsync("/api/keys", new StringContent("name=x", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/json", (await response.Content.ReadFromJsonAsync<JsonElement>(KpiApp.Json)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task CloseOfAMonthWhoseYearBeforeIsUnsupported_Is400()
    {
        using var app = await KpiApp.StartAsync();

        var response = await app.Admin().PostAsync("/api/periods/1900-01/close", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("period", (await response.Content.ReadFromJsonAsync<JsonElement>(KpiApp.Json)).GetProperty("field").GetString());
        Assert.Equal("open", (await app.Admin().GetFromJsonAsync<JsonElement>("/api/periods/1900-01", KpiApp.Json)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ConfiguredBootstrapKey_IsNotStoredInPart_AndTheDataDirectoryIsTheServicesAlone()
    {
        using var app = await KpiApp.StartAsync();

        var keys = await app.Admin().GetStringAsync("/api/keys");
        Assert.DoesNotContain(KpiApp.AdminKey[..10], keys);
        Assert.Contains("(configured)", keys);
        if (OperatingSystem.IsWindows()) return;
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(app.DataDirectory));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(app.DataDirectory, "kpi.db")));
    }
}
