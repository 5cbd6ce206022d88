using System.Net;
using Kpi.Domain.Appraisal;
using Kpi.Jobs.Appraisal;
using Kpi.Jobs.Delivery;
using Kpi.Storage.Delivery;
using Kpi.Testing;
using Kpi.Storage;
using Kpi.Testing.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Kpi.Api.Tests.Appraisal.AppraisalCompany;

namespace Kpi.Api.Tests.Appraisal;

/// <summary>
/// The daily reminder run in the API host, on a cycle whose deadlines (self-assessment 2026-11-10, review 2026-11-20)
/// lie more than two days before the run (its clock is fixed at 2026-11-25 09:00 Beijing time, whatever today is): whoever still holds a step is reminded once, after the deadline — the employee
/// for their self-assessment, the appraiser for the review — and a second run the same day reminds nobody again.
/// </summary>
public sealed class AppraisalReminderJobTests
{
    [Fact]
    public async Task PendingSteps_AreRemindedOnce_ToWhoeverHoldsThem()
    {
        var co = await StartAsync(DatabaseProvider.Sqlite);
        using var app = co.App;
        var cycle = await co.CreateCycleAsync();
        var ids = await co.AppraisalIdsAsync(cycle);
        Assert.Equal(0, await RunAsync(app)); // a draft cycle holds no pending step
        await Expect(HttpStatusCode.OK, co.Hr, "POST", $"/api/appraisal/cycles/{cycle}/start");
        await Expect(HttpStatusCode.OK, co.E101, "POST", $"/api/appraisals/{ids["E101"]}/self", """{"goal_actuals":[],"ratings":{}}""");

        Assert.Equal(3, await RunAsync(app));
        Assert.Equal(0, await RunAsync(app));

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KpiDbContext>();
        var given = await db.AppraisalReminders.AsNoTracking().OrderBy(r => r.AppraisalId).ToListAsync();
        Assert.All(given, r => Assert.Equal(ReminderTiming.After, r.Timing));
        var byAppraisal = given.ToDictionary(r => r.AppraisalId);
        Assert.Equal((ReminderStep.SelfAssessment, "E100", new DateOnly(2026, 11, 10)), Of(byAppraisal[ids["E100"]]));
        Assert.Equal((ReminderStep.Review, "E100", new DateOnly(2026, 11, 20)), Of(byAppraisal[ids["E101"]])); // the appraiser holds it now
        Assert.Equal((ReminderStep.SelfAssessment, "E102", new DateOnly(2026, 11, 10)), Of(byAppraisal[ids["E102"]]));
    }

    [Fact]
    public async Task Reminders_AreMailedToTheirHolders_OnceEach_WithTheFormToOpen()
    {
        var co = await StartAsync(DatabaseProvider.Sqlite);
        using var app = co.App;
        var cycle = await co.CreateCycleAsync();
        var ids = await co.AppraisalIdsAsync(cycle);
        await Expect(HttpStatusCode.OK, co.Hr, "POST", $"/api/appraisal/cycles/{cycle}/start");
        await Expect(HttpStatusCode.OK, co.E101, "POST", $"/api/appraisals/{ids["E101"]}/self", """{"goal_actuals":[],"ratings":{}}""");
        // The head (E100) holds their own self-assessment and E101's review; E102 has no address, so theirs is not mailed.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KpiDbContext>();
            await db.Users.Where(u => u.UserName == "head").ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, "zhang.wei@zz.example"));
        }

        Assert.Equal(3, await RunAsync(app));
        Assert.Equal(0, await RunAsync(app));

        using var read = app.Services.CreateScope();
        var outbox = read.ServiceProvider.GetRequiredService<KpiDbContext>().Outbox.AsNoTracking();
        var mails = await outbox.Where(m => m.Kind == AppraisalReminderMails.Kind).OrderBy(m => m.Id).ToListAsync();
        Assert.Equal(2, mails.Count);
        Assert.All(mails, m => Assert.Equal("zhang.wei@zz.example", m.Address));
        var cycleName = await read.ServiceProvider.GetRequiredService<KpiDbContext>().AppraisalCycles.Where(c => c.Id == cycle).Select(c => c.Name).SingleAsync();
        Assert.All(mails, m => Assert.Equal($"示例公司 绩效考核提醒 {cycleName}", m.Subject));
        var review = Assert.Single(mails, m => m.Html!.Contains($"/appraisal/{ids["E101"]}/review\"", StringComparison.Ordinal));
        Assert.Contains("您对 李娜 (E101) 的考核评价已于 2026年11月20日 截止", review.Text);
        var self = Assert.Single(mails, m => m.Html!.Contains($"/appraisal/{ids["E100"]}/self\"", StringComparison.Ordinal));
        Assert.Contains("您的自评已于 2026年11月10日 截止", self.Text);

        // Queued once the job committed, they go out through the outbox like any mail (here, to the pickup folder).
        await Poll.UntilAsync(async () => await outbox.CountAsync(m => m.Kind == AppraisalReminderMails.Kind && m.Status == OutboxStatus.Sent) == 2,
            TimeSpan.FromSeconds(60), () => "the two reminder mails were not sent");
    }

    private static (ReminderStep, string?, DateOnly) Of(Kpi.Storage.Appraisal.AppraisalReminderRow r) => (r.Step, r.RecipientEmployeeNo, r.Due);

    private static async Task<int> RunAsync(Support.KpiApp app)
    {
        using var scope = app.Services.CreateScope();
        var job = ActivatorUtilities.CreateInstance<AppraisalReminderJob>(scope.ServiceProvider,
            (TimeProvider)new FixedClock(new DateTime(2026, 11, 25, 1, 0, 0, DateTimeKind.Utc)));
        return await job.RunAsync(CancellationToken.None);
    }
}
