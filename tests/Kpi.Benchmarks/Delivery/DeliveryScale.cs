using System.Diagnostics;
using Kpi.Delivery.Outbox;
using Kpi.Delivery.Subscriptions;
using Kpi.Demo.Company;
using Kpi.Domain.Access;
using Kpi.Domain.Periods;
using Kpi.Jobs.Close;
using Kpi.Jobs.Hosting;
using Kpi.Storage;
using Kpi.Storage.Close;
using Kpi.Storage.Delivery;
using Kpi.Storage.Organisation;
using Kpi.Testing.Mail;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kpi.Benchmarks.Delivery;

/// <summary>
/// <c>delivery [--recipients 500]</c>: the demo company in a worker host of its own (SQLite, Hangfire, the real close),
/// a department-packs subscription to N managers each scoped to one department (their packs only), and an SMTP server on
/// loopback. Times the close, then from the close's end until every recipient's mail is sent — planning, one Hangfire
/// send job per recipient, composing each mail with its stored PDFs, SMTP. Then, with the job server stopped, sends
/// rows again by hand through <see cref="OutboxSender"/> to split one message's time into the outbox's own work (claim,
/// mark handed over, record outcome and attempt), composing, and the transport.
/// </summary>
public static class DeliveryScale
{
    public static async Task<int> RunAsync(string[] args)
    {
        var recipients = args.Length >= 2 && args[0] == "--recipients" ? int.Parse(args[1]) : 500;
        var folder = Directory.CreateTempSubdirectory("kpi-delivery-bench-");
        await using var smtp = await LoopbackSmtpServer.StartAsync();
        try
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Kpi:DataDirectory"] = folder.FullName, ["Kpi:Close:ScheduleEnabled"] = "false",
                ["Kpi:Mail:Smtp:Host"] = "127.0.0.1", ["Kpi:Mail:Smtp:Port"] = smtp.Port.ToString(), ["Kpi:Mail:Smtp:Security"] = "none",
                ["Kpi:Mail:From"] = "华彩 KPI <kpi@huacai.example>", ["Logging:LogLevel:Default"] = "Warning",
            });
            var options = builder.AddKpiStorage();
            builder.AddKpiJobs(options, runServer: true);
            builder.AddKpiClose(schedule: false);
            using var host = builder.Build();
            await host.InitialiseKpiWorkerAsync();

            var zone = CompanyTimeZone.Default;
            var month = zone.MonthOf(DateTime.UtcNow).Previous;
            await using (var scope = host.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<KpiDbContext>();
                await DemoSeeder.SeedIfEmptyAsync(db, TimeProvider.System, zone);
                var tree = (await db.LoadOrganisationAsync()).Tree;
                var codes = tree.All.Select(d => d.Code).Where(c => c != tree.Roots.First().Code).OrderBy(c => c, StringComparer.Ordinal).ToList();
                var made = await scope.ServiceProvider.GetRequiredService<MailSubscriptions>().CreateAsync(new SubscriptionRequest(
                    "部门月报", ReportKinds.DepartmentPacks,
                    Enumerable.Range(0, recipients).Select(i => (RecipientRequest?)new RecipientRequest(null, $"lead{i:000}@huacai.example", Roles.Manager,
                        [codes[i % codes.Count]])).ToList(),
                    "zh", ["pdf"], null, true), "benchmark");
                if (made.Problems.Count > 0) throw new InvalidOperationException(string.Join("; ", made.Problems));
            }

            await host.StartAsync();
            var total = Stopwatch.StartNew();
            await using (var scope = host.Services.CreateAsyncScope())
            {
                var request = await scope.ServiceProvider.GetRequiredService<MonthlyClose>().RequestAsync(month, "benchmark", "benchmark", CancellationToken.None);
                if (request.Refusal is not null) throw new InvalidOperationException(request.Refusal);
            }
            await UntilAsync(host, db => db.PeriodCloses.AnyAsync(c => c.Period == month.ToString() && c.Status == CloseStatus.Closed), TimeSpan.FromMinutes(15));
            var closed = total.Elapsed;
            var afterClose = Stopwatch.StartNew();
            await UntilAsync(host, async db => await db.Outbox.CountAsync() == recipients &&
                                               !await db.Outbox.AnyAsync(m => m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Sending),
                TimeSpan.FromMinutes(15));
            var delivered = afterClose.Elapsed;
            int sent, attachments;
            await using (var scope = host.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<KpiDbContext>();
                sent = await db.Outbox.CountAsync(m => m.Status == OutboxStatus.Sent);
            }
            var messages = smtp.Messages;
            attachments = messages.Sum(m => m.Parse().Attachments.Count());
            var bytes = messages.Sum(m => (long)m.Data.Length);
            await host.StopAsync();

            // The outbox's own cost per message, measured on rows sent again by hand with the job server stopped.
            const int sample = 100;
            var outbox = new List<double>();
            var compose = new List<double>();
            var transport = new List<double>();
            await using (var scope = host.Services.CreateAsyncScope())
            {
                var ids = await scope.ServiceProvider.GetRequiredService<KpiDbContext>().Outbox.OrderBy(m => m.Id).Take(sample).Select(m => m.Id).ToListAsync();
                foreach (var id in ids)
                {
                    await using var inner = host.Services.CreateAsyncScope();
                    await inner.ServiceProvider.GetRequiredService<Deliveries>().ResendAsync(id, "benchmark");
                    var sender = inner.ServiceProvider.GetRequiredService<OutboxSender>();
                    var result = await sender.SendAsync(id, CancellationToken.None);
                    if (result is not SendResult.Sent) throw new InvalidOperationException($"Row {id}: {result}");
                    outbox.Add(sender.LastTimings.Outbox.TotalMilliseconds);
                    compose.Add(sender.LastTimings.Compose.TotalMilliseconds);
                    transport.Add(sender.LastTimings.Transport.TotalMilliseconds);
                }
            }

            Console.WriteLine($"Delivery of {month}: {recipients} recipients of department packs (one department each, PDF), SQLite, SMTP on loopback");
            Console.WriteLine($"| close (freeze + render {await PacksAsync(host)} files) | {closed.TotalSeconds:F1} s |");
            Console.WriteLine($"| from the close's end to every mail sent | {delivered.TotalSeconds:F1} s ({sent} sent, {messages.Count} received, {attachments} attachments, {bytes / 1024.0 / 1024.0:F1} MiB) |");
            Console.WriteLine($"| per message, outbox's own work (claim, mark, record), p50 / p95 | {Pct(outbox, 50):F2} / {Pct(outbox, 95):F2} ms |");
            Console.WriteLine($"| per message, composing (packs read, MIME) p50 | {Pct(compose, 50):F2} ms |");
            Console.WriteLine($"| per message, SMTP (connect, send, quit) p50 | {Pct(transport, 50):F2} ms |");
            return messages.Count == recipients ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task<int> PacksAsync(IHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KpiDbContext>().StoredFiles.CountAsync();
    }

    private static double Pct(List<double> values, int percent)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static async Task UntilAsync(IHost host, Func<KpiDbContext, Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using (var scope = host.Services.CreateAsyncScope())
                if (await condition(scope.ServiceProvider.GetRequiredService<KpiDbContext>())) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not within {timeout}");
            await Task.Delay(100);
        }
    }
}
