using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kpi.Api.Tests.Packs;
using Kpi.Api.Tests.Support;
using Kpi.Storage;
using Kpi.Testing;
using Kpi.Testing.Mail;
using Kpi.Testing.Storage;
using static Kpi.Api.Tests.Delivery.DeliveryCalls;

namespace Kpi.Api.Tests.Delivery;

/// <summary>
/// A mailbox that answers "try again later" (451) after the close: its row alone stays pending, every attempt counted
/// and the next one scheduled by Hangfire after the row's own backoff (1 s, doubling, at most 2 s here, so the test
/// takes seconds rather than the production minutes); once the server takes the mail, the row is sent — one mail —
/// while the other recipients were each mailed once, at their first attempt.
/// </summary>
public sealed class RetryPerRecipientTests
{
    private const string Busy = "busy@huacai.example";
    private const string Quality = "qa-lead@huacai.example";
    private const string Executive = "ceo@huacai.example";

    /// <summary>The wait after attempt <paramref name="attempt"/> with the settings below: 1 s, then 2 s, never more.</summary>
    private static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(attempt == 1 ? 1 : 2);

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task TransientRefusal_RetriesThatRecipientAlone_AfterItsBackoff_UntilTheServerTakesIt(DatabaseProvider provider)
    {
        await using var smtp = await LoopbackSmtpServer.StartAsync();
        smtp.Refuse(Busy, 451, "4.3.0 Mailbox busy, try again later");
        using var app = await DemoMailingToAsync(smtp.Port, provider, new()
        {
            // Enough attempts that the row is still pending when the server recovers, however slowly this machine runs.
            ["Kpi:Outbox:Attempts"] = "20", ["Kpi:Outbox:RetryDelaySeconds"] = "1", ["Kpi:Outbox:MaxRetryDelaySeconds"] = "2",
        });
        var admin = app.Admin();
        var created = await admin.PostAsJsonAsync("/api/subscriptions", new
        {
            name = "部门月报", report = "department_packs",
            recipients = new object[]
            {
                new { email = Busy, role = "manager", departments = new[] { "SALES" } },
                new { email = Quality, role = "manager", departments = new[] { "QA" } },
            },
        }, KpiApp.Json);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        await PackFiles.CloseAsync(admin, Month);

        // The busy row, pending after at least two refused attempts: retried, not given up.
        List<JsonElement> rows = [];
        await Poll.UntilAsync(async () =>
        {
            rows = await DeliveriesAsync(admin, Month);
            return rows.Count == 3 && For(rows, Busy) is var busy && busy.GetProperty("status").GetString() == "pending"
                   && busy.GetProperty("attempts").GetInt32() >= 2;
        }, TimeSpan.FromSeconds(120), () => $"the busy mailbox was not retried: {string.Join("; ", rows.Select(Describe))}");
        var pending = For(rows, Busy);
        Assert.Equal(451, pending.GetProperty("smtp_code").GetInt32());
        Assert.Contains("4.3.0 Mailbox busy", pending.GetProperty("result").GetString());
        var refusals = pending.GetProperty("attempt_log").EnumerateArray().ToList();
        Assert.Equal(pending.GetProperty("attempts").GetInt32(), refusals.Count);
        Assert.All(refusals, a => Assert.Equal(("retry", 451), (a.GetProperty("outcome").GetString(), a.GetProperty("smtp_code").GetInt32())));
        AssertBackoffKept(refusals);
        // The next attempt is due one backoff after the last refusal.
        var last = refusals[^1];
        Assert.Equal(At(last, "finished_at") + Backoff(last.GetProperty("number").GetInt32()), At(pending, "next_attempt_at"));
        // Meanwhile the other recipients were mailed, once each, at the first attempt.
        foreach (var address in new[] { Executive, Quality })
            Assert.Equal(("sent", 1), (For(rows, address).GetProperty("status").GetString(), For(rows, address).GetProperty("attempts").GetInt32()));
        Assert.DoesNotContain(smtp.Messages, m => m.To.Contains(Busy));

        smtp.Accept(Busy);
        var settled = await SettledAsync(admin, Month, rows: 3);

        var sent = For(settled, Busy);
        Assert.Equal("sent", sent.GetProperty("status").GetString());
        var attempts = sent.GetProperty("attempt_log").EnumerateArray().ToList();
        Assert.True(attempts.Count > refusals.Count, $"{attempts.Count} attempts");
        Assert.Equal(sent.GetProperty("attempts").GetInt32(), attempts.Count);
        Assert.Equal("sent", attempts[^1].GetProperty("outcome").GetString());
        Assert.All(attempts[..^1], a => Assert.Equal("retry", a.GetProperty("outcome").GetString()));
        AssertBackoffKept(attempts);
        var received = smtp.Messages.Select(m => Assert.Single(m.To)).Order().ToList();
        Assert.Equal([Busy, Executive, Quality], received);
        foreach (var address in new[] { Executive, Quality })
            Assert.Equal(1, For(settled, address).GetProperty("attempts").GetInt32());
    }

    /// <summary>No attempt started before the backoff after the one before it had passed.</summary>
    private static void AssertBackoffKept(IReadOnlyList<JsonElement> attempts)
    {
        for (var i = 1; i < attempts.Count; i++)
        {
            var (before, after) = (attempts[i - 1], attempts[i]);
            var earliest = At(before, "finished_at") + Backoff(before.GetProperty("number").GetInt32());
            Assert.True(At(after, "started_at") >= earliest,
                $"attempt {after.GetProperty("number")} started at {At(after, "started_at"):O}, before {earliest:O}");
        }
    }

    private static DateTime At(JsonElement element, string property) => element.GetProperty(property).GetDateTime();
}
