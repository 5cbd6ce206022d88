using Kpi.Delivery.Mail;
using Kpi.Delivery.Outbox;
using Kpi.Domain.Access;
using Kpi.Domain.Appraisal;
using Kpi.Jobs.Appraisal;
using Kpi.Jobs.Close;
using Kpi.Reporting.Mail;
using Kpi.Reporting.Models;
using Kpi.Storage;
using Kpi.Storage.Close;
using Kpi.Storage.Delivery;
using Kpi.Storage.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kpi.Jobs.Delivery;

/// <summary>
/// Appraisal reminders by mail, through the outbox: each reminder to every active user account of its holder that has an
/// email address — the employee's or the appraiser's (matched by employee number), or every HR user where HR holds a
/// review — with a link to the form the step is taken on. The rows are written in the reminder job's transaction and
/// queued once it committed; their key (appraisal, step, deadline side, user) makes a second run's mail the same row.
/// A holder without an account or address is named in the log: the reminder is recorded, and the step stays on their
/// to-do list in the portal.
/// </summary>
public sealed class AppraisalReminderMails(
    KpiDbContext db, MailOutbox outbox, IOptions<MailOptions> mail, IOptions<AppraisalOptions> appraisal, IOptions<CloseOptions> close,
    TimeProvider clock, ILogger<AppraisalReminderMails> log) : IAppraisalReminders
{
    public const string Kind = "appraisal_reminder";

    private readonly List<OutboxMessage> _staged = [];

    public async Task SendAsync(IReadOnlyList<AppraisalReminder> reminders, CancellationToken ct)
    {
        var holders = reminders.Select(r => r.RecipientEmployeeNo).OfType<string>().Distinct().ToList();
        var users = await db.Users.AsNoTracking()
            .Where(u => u.DeactivatedAt == null && u.Email != null && u.Email != "" && (u.Role == Roles.Hr || holders.Contains(u.EmployeeNo!)))
            .OrderBy(u => u.Id)
            .Select(u => new { u.Id, u.EmployeeNo, u.Role, Email = u.Email!, u.DisplayName })
            .ToListAsync(ct);
        var company = Freezer.CompanyName((await db.LoadOrganisationAsync(ct)).Tree, close.Value.CompanyName);
        var language = ReportLanguages.TryParse(appraisal.Value.ReminderLanguage, out var l) ? l : ReportLanguage.Zh;
        var now = clock.GetUtcNow();

        foreach (var r in reminders)
        {
            var to = r.RecipientEmployeeNo is { } holder ? users.Where(u => u.EmployeeNo == holder).ToList() : users.Where(u => u.Role == Roles.Hr).ToList();
            if (to.Count == 0)
            {
                log.LogWarning("Appraisal reminder for the {Step} of {EmployeeNo} (appraisal {Appraisal}) is not mailed: {Holder} has no active user with an email address",
                    r.Step.Name(), r.EmployeeNo, r.AppraisalId, r.RecipientEmployeeNo ?? "HR");
                continue;
            }
            var model = new AppraisalReminderMailModel(company, r.CycleName, r.EmployeeName, r.EmployeeNo, r.Department, r.Step, r.Timing, r.Due,
                HrReviews: r.RecipientEmployeeNo is null, now, language);
            var form = mail.Value.PortalPage($"appraisal/{r.AppraisalId}/{(r.Step == ReminderStep.SelfAssessment ? "self" : "review")}");
            var body = new AppraisalReminderMail(model, form).Render();
            foreach (var user in to)
            {
                var key = $"appraisal:{r.AppraisalId}:{r.Step.Name()}:{r.Timing.Name()}:{r.Due:yyyy-MM-dd}:user:{user.Id}";
                if (await outbox.StageAsync(new OutboxMail(Kind, key, new MailRecipient(user.DisplayName, user.Email), body), ct) is { } row)
                    _staged.Add(row);
            }
        }
    }

    public Task CommittedAsync(CancellationToken ct)
    {
        outbox.Queue(_staged);
        _staged.Clear();
        return Task.CompletedTask;
    }
}
