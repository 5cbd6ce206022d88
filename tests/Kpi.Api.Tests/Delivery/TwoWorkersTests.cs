using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kpi.Api.Tests.Packs;
using Kpi.Api.Tests.Support;
using Kpi.Jobs.Delivery;
using Kpi.Storage;
using Kpi.Testing.Mail;
using Kpi.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;
using static Kpi.Api.Tests.Delivery.DeliveryCalls;

namespace Kpi.Api.Tests.Delivery;

/// <summary>
/// Two hosts on one PostgreSQL database, each with its own Hangfire server and its own sender id: both take the send
/// jobs of one close, and on top of that every row's send job is run by both at once. Each recipient gets one mail.
/// </summary>
public sealed class TwoWorkersTests
{
    private static readonly string[] Leaves =
    [
        "PROD-RESIN", "PROD-PAINT", "PROD-SPECIAL", "PROD-LATEX", "PROD-PACK", "PROD-MAINT", "CS-DESK", "CS-VISIT", "SALES", "FIN",
    ];

    [PostgresFact]
    public async Task TwoHostsOnOnePostgres_SendEachMailOnce()
    {
        await using var smtp = await LoopbackSmtpServer.StartAsync();
        var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("delivery");
        var shared = new Dictionary<string, string?> { ["Kpi:Database:Provider"] = "Postgres", ["Kpi:Database:ConnectionString"] = database };
        using var first = await DemoMailingToAsync(smtp.Port, DatabaseProvider.Sqlite, shared);
        using var second = await DemoMailingToAsync(smtp.Port, DatabaseProvider.Sqlite, shared);
        var admin = first.Admin();

        const int recipients = 30;
        var created = await admin.PostAsJsonAsync("/api/subscriptions", new
        {
            name = "车间月报", report = "department_packs",
            recipients = Enumerable.Range(0, recipients)
                .Select(i => new { email = $"lead{i:00}@huacai.example", role = "manager", departments = new[] { Leaves[i % Leaves.Length] } }),
        }, KpiApp.Json);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        await PackFiles.CloseAsync(admin, Month);
        // While both Hangfire servers work through the send jobs, both hosts also run every row's send job themselves.
        // Planning is a job of its own after the close: wait for the rows, not for their sending.
        List<long> rows = [];
        await Kpi.Testing.Poll.UntilAsync(async () => (rows = (await DeliveriesAsync(admin, Month)).Select(d => d.GetProperty("id").GetInt64()).ToList()).Count > 0,
            TimeSpan.FromSeconds(60), () => "no rows were planned");
        Assert.Equal(recipients + 1, rows.Count);
        await Task.WhenAll(RunAll(first, rows), RunAll(second, rows.AsEnumerable().Reverse().ToList()));

        var settled = await SettledAsync(admin, Month, recipients + 1);
        Assert.All(settled, d => Assert.Equal("sent", d.GetProperty("status").GetString()));
        Assert.All(settled, d => Assert.Equal(1, d.GetProperty("attempts").GetInt32()));
        var received = smtp.Messages.Select(m => Assert.Single(m.To)).ToList();
        Assert.Equal(recipients + 1, received.Count);
        Assert.Equal(received.Count, received.Distinct().Count());
        // Both hosts did some of the sending.
        var senders = settled.Select(d => d.GetProperty("attempt_log")[0].GetProperty("sender").GetString()).Distinct().Count();
        Assert.True(senders >= 2, $"one sender did everything: {senders}");
    }

    private static Task RunAll(KpiApp app, IReadOnlyList<long> rows) => Task.Run(async () =>
    {
        foreach (var id in rows)
        {
            await using var scope = app.Services.CreateAsyncScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<OutboxJobs>().SendAsync(id, CancellationToken.None);
            }
            catch (OutboxRetryException)
            {
                // Not due, or claimed by the other: the outbox says so by asking for a later run; nothing was sent.
            }
        }
    });
}
