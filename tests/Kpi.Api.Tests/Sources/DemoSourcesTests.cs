using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Kpi.Api.Tests.Support;
using Kpi.Demo.Company;
using Kpi.Demo.Scorecards;
using Kpi.Demo.Sources;
using Kpi.Testing.Http;

namespace Kpi.Api.Tests.Sources;

/// <summary>
/// The demo company's three sources, as a newcomer gets them: the real API process on a real port, seeded, with an
/// inbox of a month of timesheets, the MES it serves itself pulled over HTTP, and the ERP SQLite file pulled by SQL.
/// </summary>
public sealed class DemoSourcesTests
{
    [Fact]
    public async Task DemoSources_AreScheduled_AndEachPullsItsSystem()
    {
        var data = Directory.CreateTempSubdirectory("kpi-demo-").FullName;
        var port = FreePort();
        var output = new StringBuilder();
        using var api = StartApi(data, port, output);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Add("X-Api-Key", KpiApp.AdminKey);
            await WaitUntilUp(http, api, output);

            var sources = (await http.GetFromJsonAsync<List<JsonElement>>("/api/sources", KpiApp.Json))!;
            Assert.Equal([DemoSources.Erp, DemoSources.Mes, DemoSources.Timesheets], sources.Select(s => s.GetProperty("name").GetString()));
            Assert.All(sources, s => Assert.NotEqual(JsonValueKind.Null, s.GetProperty("schedule").GetProperty("next_run").ValueKind));
            Assert.InRange(Directory.GetFiles(Path.Combine(data, "inbox", DemoSources.Timesheets)).Length, 20, DemoFeeds.TimesheetDays);

            // The MES is anonymous demo data; its total is what the http source must bring in.
            using var anonymous = new HttpClient { BaseAddress = http.BaseAddress };
            var mes = await anonymous.GetFromJsonAsync<JsonElement>($"{DemoSources.MesPath}?page_size=1", KpiApp.Json);
            var mesTotal = mes.GetProperty("total").GetInt64();

            foreach (var name in new[] { DemoSources.Timesheets, DemoSources.Mes, DemoSources.Erp })
                Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/sources/{name}/run", null)).StatusCode);
            var timesheets = await Succeeded(http, DemoSources.Timesheets, api, output);
            var pulled = await Succeeded(http, DemoSources.Mes, api, output);
            var erp = await Succeeded(http, DemoSources.Erp, api, output);

            Assert.Equal(0, timesheets.GetProperty("rejected").GetInt64());
            Assert.True(timesheets.GetProperty("batches").GetInt32() >= 20);
            Assert.Empty(Directory.GetFiles(Path.Combine(data, "inbox", DemoSources.Timesheets)));
            Assert.True(mesTotal == pulled.GetProperty("accepted").GetInt64(), $"MES has {mesTotal}: {await http.GetStringAsync($"/api/sources/{DemoSources.Mes}/runs")}");
            Assert.Equal(0, pulled.GetProperty("rejected").GetInt64());
            Assert.Equal(0, erp.GetProperty("rejected").GetInt64());
            // Last month's budget lines were seeded already and come in unchanged; this month's are new.
            Assert.True(erp.GetProperty("unchanged").GetInt64() > 0);
            Assert.True(erp.GetProperty("accepted").GetInt64() > 0);
        }
        finally
        {
            if (!api.HasExited) api.Kill(entireProcessTree: true);
            await api.WaitForExitAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    private static Process StartApi(string data, int port, StringBuilder output)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Kpi.Api.dll")])
        {
            WorkingDirectory = data, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Kpi__DataDirectory"] = data;
        start.Environment["Kpi__Demo__Seed"] = "true";
        start.Environment["Kpi__Auth__BootstrapAdminKey"] = KpiApp.AdminKey;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilUp(HttpClient http, Process api, StringBuilder output)
    {
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (DateTime.UtcNow < deadline && !api.HasExited)
        {
            try
            {
                if ((await http.GetAsync("/api/sources")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet: migrating and seeding the demo company.
            }
            await Task.Delay(500);
        }
        Assert.Fail($"The API did not come up:\n{output}");
    }

    private static async Task<JsonElement> Succeeded(HttpClient http, string name, Process api, StringBuilder output)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            var runs = await http.GetFromJsonAsync<List<JsonElement>>($"/api/sources/{name}/runs", KpiApp.Json);
            var done = runs!.FirstOrDefault(r => r.GetProperty("status").GetString() is "succeeded" or "failed");
            if (done.ValueKind != JsonValueKind.Undefined)
            {
                Assert.True(done.GetProperty("status").GetString() == "succeeded", $"{name}: {done}");
                return done;
            }
            await Task.Delay(300);
        }
        Assert.Fail($"{name} did not finish a run:\n{output}");
        return default;
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
