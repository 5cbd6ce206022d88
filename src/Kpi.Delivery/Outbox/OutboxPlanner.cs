using Kpi.Delivery.Mail;
using Kpi.Delivery.Subscriptions;
using Kpi.Domain.Access;
using Kpi.Domain.Organisation;
using Kpi.Domain.Periods;
using Kpi.Storage;
using Kpi.Storage.Accounts;
using Kpi.Storage.Close;
using Kpi.Storage.Delivery;
using Kpi.Storage.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Kpi.Delivery.Outbox;

/// <summary>What planning did: the rows of the period's revision it concerns (new and existing), or why it planned nothing.</summary>
public sealed record PlanOutcome(string Period, int Revision, IReadOnlyList<long> Rows, int Created, string? Refusal)
{
    public bool Planned => Refusal is null;
}

/// <summary>
/// Turns subscriptions into outbox rows for a closed period: one row per (subscription, period, revision, recipient),
/// created once — the unique index refuses a second, and planning skips rows that exist, so planning again (a retried
/// job, a second trigger, two workers) adds nothing. Only a period whose close has finished — frozen and every pack and
/// the summary rendered, status <c>closed</c> — is planned. Each recipient is resolved as they are now: their address,
/// and the scope their mail is made for, which the row keeps. A recipient who cannot get the mail (deactivated, no
/// address, a scope that does not allow the report) gets a <c>failed</c> row saying why, so the admin sees it.
/// A revision after the first is a correction: the executive summary goes to everyone again; department packs go to a
/// recipient who already had the period only when one of their departments was restated.
/// </summary>
public sealed class OutboxPlanner(KpiDbContext db, MailComposer composer, IOutboxQueue queue, TimeProvider clock, ILogger<OutboxPlanner> log)
{
    /// <summary>
    /// After the close of <paramref name="revision"/> of <paramref name="period"/>: rows for every enabled after-close
    /// subscription, planned once per revision (a <see cref="DeliveryRound"/> written with them), then every pending row
    /// of the revision queued. Called again for the same revision, it plans nothing and queues what is still pending.
    /// </summary>
    public async Task<PlanOutcome> AfterCloseAsync(string period, int revision, CancellationToken ct)
    {
        var close = await db.PeriodCloses.AsNoTracking().SingleOrDefaultAsync(c => c.Period == period, ct);
        if (close is not { Status: CloseStatus.Closed } || close.Revision != revision || revision < 1)
            return new PlanOutcome(period, revision, [], 0, $"{period} is not closed at revision {revision} (it is {Describe(close)}): nothing is sent before its close and rendering have finished.");

        var created = 0;
        for (var attempt = 0; ; attempt++)
        {
            if (await db.DeliveryRounds.AnyAsync(r => r.Period == period && r.Revision == revision, ct)) break;
            var subscriptions = await db.Subscriptions.AsNoTracking().Include(s => s.Recipients)
                .Where(s => s.Enabled && s.Cron == null).OrderBy(s => s.Id).ToListAsync(ct);
            var context = await ContextAsync(period, revision, subscriptions, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.DeliveryRounds.Add(new DeliveryRound { Period = period, Revision = revision, PlannedAt = now });
            var rows = subscriptions.SelectMany(s => Rows(s, context, period, revision, Triggers.AfterClose, now)).ToList();
            db.Outbox.AddRange(rows);
            try
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                created = rows.Count;
                log.LogInformation("Planned {Rows} mails of {Period} revision {Revision} for {Subscriptions} after-close subscriptions",
                    rows.Count, period, revision, subscriptions.Count);
                break;
            }
            catch (DbUpdateException e) when (StorageErrors.IsUniqueViolation(e) && attempt < 2)
            {
                // Another planner (or a manual send) wrote some of these first: look again at what exists.
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
            }
        }
        db.ChangeTracker.Clear();
        return new PlanOutcome(period, revision, await QueuePendingAsync(period, revision, null, ct), created, null);
    }

    /// <summary>
    /// One subscription for a closed period, now (an admin's <c>send</c>, or its cron): rows for its recipients at the
    /// period's current revision, each created once, then the pending ones queued.
    /// </summary>
    public async Task<PlanOutcome> SubscriptionAsync(long subscriptionId, string period, string trigger, CancellationToken ct)
    {
        var close = await db.PeriodCloses.AsNoTracking().SingleOrDefaultAsync(c => c.Period == period, ct);
        if (close is not { Status: CloseStatus.Closed } || close.Revision < 1)
            return new PlanOutcome(period, close?.Revision ?? 0, [], 0,
                $"{period} is not closed (it is {Describe(close)}): nothing is sent before its close and rendering have finished.");
        var revision = close.Revision;
        var created = 0;
        for (var attempt = 0; ; attempt++)
        {
            var subscription = await db.Subscriptions.AsNoTracking().Include(s => s.Recipients).SingleOrDefaultAsync(s => s.Id == subscriptionId, ct);
            if (subscription is null) return new PlanOutcome(period, revision, [], 0, $"There is no subscription {subscriptionId}.");
            var context = await ContextAsync(period, revision, [subscription], ct);
            var rows = Rows(subscription, context, period, revision, trigger, clock.GetUtcNow().UtcDateTime).ToList();
            db.Outbox.AddRange(rows);
            try
            {
                await db.SaveChangesAsync(ct);
                created = rows.Count;
                break;
            }
            catch (DbUpdateException e) when (StorageErrors.IsUniqueViolation(e) && attempt < 2)
            {
                db.ChangeTracker.Clear();
            }
        }
        db.ChangeTracker.Clear();
        await QueuePendingAsync(period, revision, subscriptionId, ct);
        var all = await db.Outbox.AsNoTracking().Where(m => m.SubscriptionId == subscriptionId && m.Period == period && m.Revision == revision)
            .OrderBy(m => m.Id).Select(m => m.Id).ToListAsync(ct);
        return new PlanOutcome(period, revision, all, created, null);
    }

    /// <summary>
    /// The month a cron subscription sends when it fires at <paramref name="firedAt"/>: the month before the one the fire
    /// time falls in, in the subscription's time zone (fired at 09:00 on 5 November in Shanghai, October).
    /// </summary>
    public static Period MonthFor(DateTime firedAt, string timeZone) => CompanyTimeZone.FromId(timeZone).MonthOf(firedAt).Previous;

    private async Task<List<long>> QueuePendingAsync(string period, int revision, long? subscriptionId, CancellationToken ct)
    {
        var pending = await db.Outbox.AsNoTracking()
            .Where(m => m.Period == period && m.Revision == revision && m.Status == OutboxStatus.Pending &&
                        (subscriptionId == null || m.SubscriptionId == subscriptionId))
            .OrderBy(m => m.Id).Select(m => m.Id).ToListAsync(ct);
        foreach (var id in pending) queue.Send(id);
        return pending;
    }

    private sealed record Context(
        OrgTree Tree, IReadOnlyDictionary<string, int> Versions, IReadOnlyDictionary<int, KpiUser> Users,
        HashSet<(long, string)> Existing, HashSet<(long, string)> Earlier);

    private async Task<Context> ContextAsync(string period, int revision, IReadOnlyList<MailSubscription> subscriptions, CancellationToken ct)
    {
        var org = await db.LoadOrganisationAsync(ct);
        var versions = await db.ScorecardVersions.AsNoTracking().Latest(period, revision)
            .Select(v => new { v.DepartmentCode, v.Revision }).ToDictionaryAsync(v => v.DepartmentCode, v => v.Revision, ct);
        var userIds = subscriptions.SelectMany(s => s.Recipients).Select(r => r.UserId).OfType<int>().Distinct().ToList();
        var users = userIds.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var ids = subscriptions.Select(s => (long?)s.Id).ToList();
        var rows = await db.Outbox.AsNoTracking().Where(m => m.Period == period && ids.Contains(m.SubscriptionId))
            .Select(m => new { m.SubscriptionId, m.RecipientKey, m.Revision }).ToListAsync(ct);
        return new Context(org.Tree, versions, users,
            rows.Where(r => r.Revision == revision).Select(r => (r.SubscriptionId!.Value, r.RecipientKey)).ToHashSet(),
            rows.Where(r => r.Revision < revision).Select(r => (r.SubscriptionId!.Value, r.RecipientKey)).ToHashSet());
    }

    private IEnumerable<OutboxMessage> Rows(MailSubscription subscription, Context c, string period, int revision, string trigger, DateTime now)
    {
        foreach (var recipient in subscription.Recipients.OrderBy(r => r.Position))
        {
            var r = RecipientScopes.Resolve(recipient, c.Users, c.Tree);
            if (!c.Existing.Add((subscription.Id, r.Key))) continue;
            var problem = r.Problem ?? Problem(subscription.Report, r, c, period);
            // A correction of department packs concerns only recipients one of whose departments was restated.
            if (problem is null && subscription.Report == ReportKinds.DepartmentPacks && revision > 1 && c.Earlier.Contains((subscription.Id, r.Key)) &&
                !c.Versions.Any(v => v.Value == revision && r.Scope.CanSee(c.Tree, v.Key)))
                continue;
            yield return new OutboxMessage
            {
                Kind = subscription.Report, SubscriptionId = subscription.Id, Period = period, Revision = revision, RecipientKey = r.Key, Trigger = trigger,
                Address = r.Address, DisplayName = r.DisplayName, Role = r.Role, Scope = ScopeText.Format(r.Scope), Language = subscription.Language,
                Attachments = subscription.Attachments,
                MessageId = composer.MessageId($"subscription:{subscription.Id}", period, $"revision:{revision}", r.Key),
                Status = problem is null ? OutboxStatus.Pending : OutboxStatus.Failed, LastResult = problem, NextAttemptAt = now, CreatedAt = now,
                UpdatedAt = now,
            };
        }
    }

    /// <summary>Why the recipient may not get this report now, their role and departments being what they are; null when they may.</summary>
    private static string? Problem(string report, ResolvedRecipient r, Context c, string period) => report switch
    {
        ReportKinds.ExecutiveSummary when !r.Scope.WholeCompany =>
            $"The {r.Role} role may not receive the executive summary: it ranks every department, so it goes only to " +
            $"{string.Join(", ", Roles.All.Where(Roles.SeesWholeCompany))}.",
        ReportKinds.DepartmentPacks when !c.Versions.Keys.Any(code => r.Scope.CanSee(c.Tree, code)) =>
            $"No department of {period} is within the recipient's scope ({r.Role}{(r.Scope.Roots.Count > 0 ? ": " + string.Join(", ", r.Scope.Roots) : "")}).",
        _ => null,
    };

    private static string Describe(PeriodClose? close) => close is null ? "open" : close.Status.ToString().ToLowerInvariant() + $" at revision {close.Revision}";
}
