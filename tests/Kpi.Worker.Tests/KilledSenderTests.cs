using Kpi.Delivery.Mail;
using Kpi.Delivery.Outbox;
using Kpi.Reporting.Mail;
using Kpi.Storage;
using Kpi.Storage.Delivery;
using Kpi.Testing;
using Kpi.Testing.Jobs;
using Kpi.Testing.Mail;
using Kpi.Testing.Storage;
using Kpi.Worker.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kpi.Worker.Tests;

/// <summary>
/// A worker process killed with SIGKILL while it works through a batch of mail, then started again: every recipient
/// the first worker had not reached gets their mail once, and nobody gets one twice. The one mail the kill may have
/// caught in flight is judged by the restarted worker's sweep — sent again if it had not been handed over, <c>unknown</c>
/// (never resent) if it had.
/// </summary>
[Collection(WorkerCollection.Name)]
public sealed class KilledSenderTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const int Recipients = 120;

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task WorkerKilledMidBatch_Restarted_MailsEachRemainingRecipientOnce_AndNobodyTwice(DatabaseProvider provider)
    {
        await using var smtp = await LoopbackSmtpServer.StartAsync();
        var database = await databases.CreateAsync(provider, "killed-sender");
        var dataPath = Directory.CreateTempSubdirectory("kpi-killed-sender-").FullName;
        var settings = JobQueue.WorkerSettings(database, dataPath);
        settings["Kpi__Jobs__InvisibilityTimeout"] = provider == DatabaseProvider.Postgres ? "00:00:05" : "00:00:20";
        settings["Kpi__Jobs__WorkerCount"] = "1";
        settings["Kpi__Mail__Smtp__Host"] = "127.0.0.1";
        settings["Kpi__Mail__Smtp__Port"] = smtp.Port.ToString();
        settings["Kpi__Mail__Smtp__Security"] = "none";
        using var queue = JobQueue.For(database, dataPath);
        await using (var db = database.NewContext()) await db.MigrateAsync();
        await using (var scope = queue.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<MailOutbox>();
            for (var i = 0; i < Recipients; i++)
                await outbox.EnqueueAsync(new OutboxMail("notice", $"batch-1:{i:000}", new MailRecipient(null, $"r{i:000}@huacai.example"),
                    new RenderedMail($"通知 {i:000}", $"<p>第 {i:000} 号</p>", $"第 {i:000} 号")));
        }

        using (var first = WorkerProcess.Start(dataPath, settings))
        {
            await Poll.UntilAsync(() => smtp.Messages.Count >= 10, TimeSpan.FromSeconds(120), () => "the first worker sent too little:\n" + first.Output);
            first.Kill();
        }
        var beforeRestart = smtp.Messages.Count;
        Assert.True(beforeRestart < Recipients, "the first worker finished before it was killed");

        using var second = WorkerProcess.Start(dataPath, settings);
        List<OutboxMessage> rows = [];
        await Poll.UntilAsync(async () =>
        {
            await using var db = database.NewContext();
            rows = await db.Outbox.AsNoTracking().ToListAsync();
            return rows.All(r => r.Status is OutboxStatus.Sent or OutboxStatus.Unknown);
        }, TimeSpan.FromSeconds(180), () => $"not every mail settled: {string.Join(", ", rows.GroupBy(r => r.Status).Select(g => $"{g.Key} {g.Count()}"))}\n{second.Output}");

        var received = smtp.Messages.Select(m => Assert.Single(m.To)).ToList();
        Assert.Equal(received.Count, received.Distinct().Count());
        // Every row is sent, save at most the one the kill caught after handing it over, which is unknown.
        Assert.True(rows.Count(r => r.Status == OutboxStatus.Unknown) <= 1, string.Join(", ", rows.Where(r => r.Status == OutboxStatus.Unknown).Select(r => r.Address)));
        var sent = rows.Where(r => r.Status == OutboxStatus.Sent).Select(r => r.Address).ToHashSet();
        Assert.Subset(received.ToHashSet(), sent);
        Assert.True(received.Count >= Recipients - 1, $"{received.Count} of {Recipients} received");
    }
}
