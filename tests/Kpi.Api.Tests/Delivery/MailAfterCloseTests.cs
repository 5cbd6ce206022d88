using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kpi.Api.Tests.Packs;
using Kpi.Api.Tests.Support;
using Kpi.Jobs.Delivery;
using Kpi.Storage;
using Kpi.Testing.Mail;
using Kpi.Testing.Storage;
using Microsoft.Extensions.DependencyInjection;
using static Kpi.Api.Tests.Delivery.DeliveryCalls;

namespace Kpi.Api.Tests.Delivery;

/// <summary>
/// The monthly close ending in people's inboxes: the demo company (whose executive-summary subscription goes to its
/// general manager) plus a department-packs subscription, mailed through a real SMTP server on loopback and read back
/// with MimeKit — one mail per recipient, Chinese subject and attachment names, the stored packs' exact bytes, each
/// recipient only the packs of their scope, a refused mailbox failed without anyone else mailed twice, and every job
/// run again sending nothing.
/// </summary>
public sealed class MailAfterCloseTests
{
    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task Close_MailsEachRecipientOnce_WithTheirOwnPacks_AndARefusedMailboxFailsAlone(DatabaseProvider provider)
    {
        await using var smtp = await LoopbackSmtpServer.StartAsync();
        smtp.Refuse("bounce@huacai.example", 550, "5.1.1 No such mailbox");
        using var app = await DemoMailingToAsync(smtp.Port, provider);
        var admin = app.Admin();
        var packs = await admin.PostAsJsonAsync("/api/subscriptions", new
        {
            name = "部门月报", report = "department_packs", language = "zh", attachments = new[] { "pdf" },
            recipients = new object[]
            {
                new { user = "prod" },
                new { email = "qa-lead@huacai.example", role = "manager", departments = new[] { "QA" } },
                new { email = "bounce@huacai.example", role = "manager", departments = new[] { "SALES" } },
            },
        }, KpiApp.Json);
        Assert.True(packs.StatusCode == HttpStatusCode.Created, await packs.Content.ReadAsStringAsync());
        var subscription = (await packs.Content.ReadFromJsonAsync<JsonElement>(KpiApp.Json)).GetProperty("id").GetInt64();

        await PackFiles.CloseAsync(admin, Month);
        var deliveries = await SettledAsync(admin, Month, rows: 4);

        // Exactly one mail per recipient, the refused one none; the rows say so.
        var byRecipient = smtp.Messages.GroupBy(m => Assert.Single(m.To)).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(["ceo@huacai.example", "prod@huacai.example", "qa-lead@huacai.example"], byRecipient.Keys.Order().ToArray());
        Assert.All(byRecipient.Values, mails => Assert.Single(mails));
        var bounced = For(deliveries, "bounce@huacai.example");
        Assert.Equal("failed", bounced.GetProperty("status").GetString());
        Assert.Equal(550, bounced.GetProperty("smtp_code").GetInt32());
        Assert.Contains("No such mailbox", bounced.GetProperty("result").GetString());
        foreach (var address in new[] { "ceo@huacai.example", "prod@huacai.example", "qa-lead@huacai.example" })
        {
            var row = For(deliveries, address);
            Assert.Equal("sent", row.GetProperty("status").GetString());
            Assert.Equal(1, row.GetProperty("attempts").GetInt32());
        }

        // The executive summary: Chinese subject and attachment name, the stored summary's bytes.
        var summary = byRecipient["ceo@huacai.example"][0].Parse();
        Assert.StartsWith("华彩涂料有限公司 经营月度摘要 ", summary.Subject);
        Assert.Equal(For(deliveries, "ceo@huacai.example").GetProperty("message_id").GetString(), summary.MessageId);
        var summaryPdf = Assert.Single(Attachments(summary));
        Assert.Equal($"经营月度摘要-{Month}-v1-zh.pdf", summaryPdf.FileName);
        Assert.Equal((await PackFiles.GetAsync(admin, $"/api/summary/{Month}.pdf")).Bytes, Bytes(summaryPdf));
        Assert.Contains("华彩涂料有限公司", summary.HtmlBody);
        Assert.False(string.IsNullOrWhiteSpace(summary.TextBody));
        // The link opens the month: the company view for the summary, the one scorecard or the month's packs for packs.
        Assert.Contains($"href=\"http://localhost:5080/company/{Month}\"", summary.HtmlBody);
        Assert.Contains($"http://localhost:5080/company/{Month}", summary.TextBody);

        // Department packs: the head of 生产部 gets 生产部 and its six workshops, the QA address only 质量部.
        var production = byRecipient["prod@huacai.example"][0].Parse();
        var productionFiles = Attachments(production).ToDictionary(a => a.FileName!, Bytes);
        Assert.Equal(7, productionFiles.Count);
        Assert.Equal((await PackFiles.GetAsync(admin, $"/api/packs/PROD/{Month}.pdf")).Bytes, productionFiles[$"生产部-{Month}-v1-zh.pdf"]);
        Assert.DoesNotContain(productionFiles.Keys, name => name.StartsWith("质量部", StringComparison.Ordinal) || name.StartsWith("销售部", StringComparison.Ordinal));
        Assert.Contains($"href=\"http://localhost:5080/packs/{Month}\"", production.HtmlBody);
        var qualityMail = byRecipient["qa-lead@huacai.example"][0].Parse();
        Assert.Contains($"href=\"http://localhost:5080/scorecards/QA/{Month}\"", qualityMail.HtmlBody);
        var quality = Assert.Single(Attachments(qualityMail));
        Assert.Equal((await PackFiles.GetAsync(admin, $"/api/packs/QA/{Month}.pdf")).Bytes, Bytes(quality));

        // Every job again — planning after the close, a manual send, each row's send job, the sweep — mails nobody twice.
        var again = await admin.PostAsync($"/api/subscriptions/{subscription}/send?period={Month}", null);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(0, (await again.Content.ReadFromJsonAsync<JsonElement>(KpiApp.Json)).GetProperty("created").GetInt32());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var jobs = scope.ServiceProvider.GetRequiredService<OutboxJobs>();
            await jobs.AfterCloseAsync(Month, 1, CancellationToken.None);
            foreach (var row in deliveries.Where(d => d.GetProperty("status").GetString() == "sent"))
                await jobs.SendAsync(row.GetProperty("id").GetInt64(), CancellationToken.None);
            await jobs.SweepAsync(CancellationToken.None);
        }
        var settled = await SettledAsync(admin, Month, rows: 4);
        Assert.Equal(3, smtp.Messages.Count);
        Assert.All(settled, d => Assert.Equal(1, d.GetProperty("attempts").GetInt32()));
    }

    [Fact]
    public async Task ConnectionDroppedAfterData_IsUnknown_NeverResentByItself_AndAResendIsAudited()
    {
        await using var smtp = new MisbehavingSmtpServer(Misbehaviour.HangUpAfterContent);
        using var app = await DemoMailingToAsync(smtp.Port);
        var admin = app.Admin();

        await PackFiles.CloseAsync(admin, Month);
        var row = Assert.Single(await SettledAsync(admin, Month, rows: 1));
        Assert.Equal("unknown", row.GetProperty("status").GetString());
        Assert.NotNull(smtp.ReceivedContent);
        Assert.Equal(1, smtp.Sessions);

        // The send job run again, and the sweep, leave it alone: only a person may decide to risk a second copy.
        var id = row.GetProperty("id").GetInt64();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var jobs = scope.ServiceProvider.GetRequiredService<OutboxJobs>();
            await jobs.SendAsync(id, CancellationToken.None);
            await jobs.SweepAsync(CancellationToken.None);
        }
        Assert.Equal(1, smtp.Sessions);
        Assert.Equal("unknown", (await admin.GetFromJsonAsync<JsonElement>($"/api/deliveries/{id}", KpiApp.Json)).GetProperty("status").GetString());

        var resend = await admin.PostAsync($"/api/deliveries/{id}/resend", null);
        Assert.Equal(HttpStatusCode.Accepted, resend.StatusCode);
        var audit = await admin.GetStringAsync("/api/audit");
        Assert.Contains("delivery.resent", audit);
    }

    [Fact]
    public async Task MailOverTheSizeLimit_IsFailedSayingSo_AndNeverSentWithoutItsAttachment()
    {
        await using var smtp = await LoopbackSmtpServer.StartAsync();
        using var app = await DemoMailingToAsync(smtp.Port, more: new() { ["Kpi:Mail:MaxMessageBytes"] = "20000" });
        var admin = app.Admin();

        await PackFiles.CloseAsync(admin, Month);
        var row = Assert.Single(await SettledAsync(admin, Month, rows: 1));
        Assert.Equal("failed", row.GetProperty("status").GetString());
        Assert.Contains("over the limit of 20,000 bytes", row.GetProperty("result").GetString());
        Assert.Equal(1, row.GetProperty("attempts").GetInt32());
        Assert.Equal(0, smtp.Sessions);
        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task RestatedMonth_SendsACorrection_SaidInTheSubject_OnlyToThoseItConcerns()
    {
        await using var smtp = await LoopbackSmtpServer.StartAsync();
        using var app = await DemoMailingToAsync(smtp.Port);
        var admin = app.Admin();
        var packs = await admin.PostAsJsonAsync("/api/subscriptions", new
        {
            name = "车间月报", report = "department_packs",
            recipients = new object[]
            {
                new { email = "resin-lead@huacai.example", role = "manager", departments = new[] { "PROD-RESIN" } },
                new { email = "qa-lead@huacai.example", role = "manager", departments = new[] { "QA" } },
            },
        }, KpiApp.Json);
        Assert.Equal(HttpStatusCode.Created, packs.StatusCode);
        await PackFiles.CloseAsync(admin, Month);
        await SettledAsync(admin, Month, rows: 3);

        // A production order of 树脂车间 that missed the close: the month is restated as revision 2.
        var upload = await admin.PostAsync("/api/imports/production", KpiApp.File(ApiCalls.Utf8Bom(
            $"record_id,department,date,planned_qty,actual_qty\nLATE-1,PROD-RESIN,{Month}-20,100,10\n"), "text/csv", "late-resin.csv"));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var period = await PackFiles.WaitUntilClosedAsync(admin, Month, revision: 2);
        // A restatement may move peers' ranks, and so give them a version 2 too: QA's lead hears of it only if QA moved.
        var qaRestated = period.GetProperty("departments").EnumerateArray()
            .Single(d => d.GetProperty("department").GetString() == "QA").GetProperty("latest_version").GetInt32() == 2;
        string[] concerned = qaRestated
            ? ["ceo@huacai.example", "qa-lead@huacai.example", "resin-lead@huacai.example"]
            : ["ceo@huacai.example", "resin-lead@huacai.example"];
        var deliveries = await SettledAsync(admin, Month, rows: 3 + concerned.Length);

        // The summary goes to the executive again and 树脂车间's lead gets the corrected pack.
        var corrections = deliveries.Where(d => d.GetProperty("revision").GetInt32() == 2).ToList();
        Assert.Equal(concerned, corrections.Select(d => d.GetProperty("recipient").GetString()!).Order().ToArray());
        Assert.All(corrections, d => Assert.True(d.GetProperty("correction").GetBoolean()));
        var mails = smtp.Messages.Select(m => (To: Assert.Single(m.To), Mail: m.Parse())).ToList();
        Assert.Equal(3 + concerned.Length, mails.Count);
        var summary = mails.Where(m => m.To == "ceo@huacai.example").Select(m => m.Mail).ToList();
        Assert.Equal(2, summary.Count);
        Assert.StartsWith("更正（版本 2）：华彩涂料有限公司 经营月度摘要 ", Assert.Single(summary, m => m.Subject?.StartsWith("更正", StringComparison.Ordinal) == true).Subject);
        Assert.NotEqual(summary[0].MessageId, summary[1].MessageId);
        var resin = mails.Where(m => m.To == "resin-lead@huacai.example").Select(m => m.Mail).ToList();
        Assert.Equal(2, resin.Count);
        var corrected = Assert.Single(resin, m => m.Subject?.StartsWith("更正", StringComparison.Ordinal) == true);
        Assert.Equal($"树脂车间-{Month}-v2-zh.pdf", Assert.Single(Attachments(corrected)).FileName);
    }
}
