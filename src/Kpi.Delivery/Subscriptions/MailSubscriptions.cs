using Kpi.Delivery.Outbox;
using Kpi.Domain;
using Kpi.Domain.Periods;
using Kpi.Storage;
using Kpi.Storage.Access;
using Kpi.Storage.Accounts;
using Kpi.Storage.Delivery;
using Kpi.Storage.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Delivery.Subscriptions;

/// <summary>The answer to a change: the subscription as stored, or the problems (each naming its field), or not found.</summary>
public sealed record SubscriptionResult(SubscriptionView? Subscription, IReadOnlyList<FieldError> Problems, bool Found = true)
{
    public static readonly SubscriptionResult NotFound = new(null, [], false);
}

/// <summary>
/// Subscriptions as a use case, for the API and the portal alike: list, read, create, change and delete, each change
/// checked by <see cref="SubscriptionRules"/>, audited (before and after) and reflected in the subscription's
/// recurring job at once.
/// </summary>
public sealed class MailSubscriptions(KpiDbContext db, IOutboxQueue queue, CompanyTimeZone zone, TimeProvider clock)
{
    public async Task<IReadOnlyList<SubscriptionView>> ListAsync(CancellationToken ct = default)
    {
        var subscriptions = await db.Subscriptions.AsNoTracking().Include(s => s.Recipients).OrderBy(s => s.Id).ToListAsync(ct);
        var users = await UsersAsync(subscriptions.SelectMany(s => s.Recipients), ct);
        return subscriptions.Select(s => View(s, users)).ToList();
    }

    public async Task<SubscriptionView?> GetAsync(long id, CancellationToken ct = default)
    {
        var subscription = await db.Subscriptions.AsNoTracking().Include(s => s.Recipients).FirstOrDefaultAsync(s => s.Id == id, ct);
        return subscription is null ? null : View(subscription, await UsersAsync(subscription.Recipients, ct));
    }

    public async Task<SubscriptionResult> CreateAsync(SubscriptionRequest? request, string actor, CancellationToken ct = default)
    {
        var (definition, problems) = await ValidateAsync(request, ct);
        if (definition is null) return new(null, problems);
        var now = clock.GetUtcNow().UtcDateTime;
        var subscription = new MailSubscription { CreatedAt = now, CreatedBy = actor };
        Apply(subscription, definition, actor, now);
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync(ct);
        db.Record(now, actor, "subscription.created", "subscription", subscription.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { before = (object?)null, after = Audited(subscription) });
        await db.SaveChangesAsync(ct);
        queue.Schedule(subscription);
        return new(await GetAsync(subscription.Id, ct), []);
    }

    public async Task<SubscriptionResult> UpdateAsync(long id, SubscriptionRequest? request, string actor, CancellationToken ct = default)
    {
        var subscription = await db.Subscriptions.Include(s => s.Recipients).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (subscription is null) return SubscriptionResult.NotFound;
        var (definition, problems) = await ValidateAsync(request, ct);
        if (definition is null) return new(null, problems);
        var before = Audited(subscription);
        var now = clock.GetUtcNow().UtcDateTime;
        db.SubscriptionRecipients.RemoveRange(subscription.Recipients);
        subscription.Recipients = [];
        Apply(subscription, definition, actor, now);
        db.Record(now, actor, "subscription.updated", "subscription", Key(id), new { before, after = Audited(subscription) });
        await db.SaveChangesAsync(ct);
        queue.Schedule(subscription);
        return new(await GetAsync(id, ct), []);
    }

    /// <summary>Deletes the subscription and its schedule. Its outbox rows stay as history; rows not yet sent are not sent.</summary>
    public async Task<bool> DeleteAsync(long id, string actor, CancellationToken ct = default)
    {
        var subscription = await db.Subscriptions.Include(s => s.Recipients).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (subscription is null) return false;
        db.Record(clock.GetUtcNow().UtcDateTime, actor, "subscription.deleted", "subscription", Key(id), new { before = Audited(subscription), after = (object?)null });
        db.Subscriptions.Remove(subscription);
        await db.SaveChangesAsync(ct);
        queue.Unschedule(id);
        return true;
    }

    /// <summary>Every subscription's recurring job as the table says: for start-up, in case a process died between the two writes.</summary>
    public async Task<IReadOnlyList<long>> SyncSchedulesAsync(CancellationToken ct = default)
    {
        var subscriptions = await db.Subscriptions.AsNoTracking().ToListAsync(ct);
        foreach (var subscription in subscriptions) queue.Schedule(subscription);
        return subscriptions.Select(s => s.Id).ToList();
    }

    private async Task<(SubscriptionDefinition?, List<FieldError>)> ValidateAsync(SubscriptionRequest? request, CancellationToken ct)
    {
        var names = (request?.Recipients ?? []).Select(r => r?.User?.Trim().ToUpperInvariant()).OfType<string>().Distinct().ToList();
        var users = names.Count == 0
            ? new Dictionary<string, KpiUser>()
            : await db.Users.AsNoTracking().Where(u => u.NormalizedUserName != null && names.Contains(u.NormalizedUserName)).ToDictionaryAsync(u => u.NormalizedUserName!, ct);
        var org = await db.LoadOrganisationAsync(ct);
        return SubscriptionRules.Validate(request, users, org.Tree, zone.Id);
    }

    private static void Apply(MailSubscription subscription, SubscriptionDefinition definition, string actor, DateTime now)
    {
        subscription.Name = definition.Name;
        subscription.Report = definition.Report;
        subscription.Language = definition.Language;
        subscription.Attachments = AttachmentFormats.Join(definition.Attachments);
        subscription.Cron = definition.Cron;
        subscription.TimeZone = definition.TimeZone;
        subscription.Enabled = definition.Enabled;
        subscription.UpdatedAt = now;
        subscription.UpdatedBy = actor;
        subscription.Recipients = definition.Recipients.Select((r, i) => new SubscriptionRecipient
        {
            Position = i, UserId = r.UserId, Email = r.Email, Role = r.Role, Departments = string.Join(',', r.Departments),
        }).ToList();
    }

    private async Task<Dictionary<int, KpiUser>> UsersAsync(IEnumerable<SubscriptionRecipient> recipients, CancellationToken ct)
    {
        var ids = recipients.Select(r => r.UserId).OfType<int>().Distinct().ToList();
        return ids.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
    }

    private SubscriptionView View(MailSubscription s, IReadOnlyDictionary<int, KpiUser> users) => new(
        s.Id, s.Name, s.Report,
        s.Recipients.OrderBy(r => r.Position).Select(r => r.UserId is { } id
            ? new RecipientView(users.TryGetValue(id, out var u) ? u.UserName : $"#{id}", u?.Email, u?.Role, null)
            : new RecipientView(null, r.Email, r.Role, r.DepartmentList)).ToList(),
        s.Language, s.AttachmentList,
        new TriggerView(s.Cron is null, s.Cron, s.TimeZone, s.Cron is not null && s.Enabled ? queue.NextRun(s.Id) : null),
        s.Enabled, s.CreatedAt, s.CreatedBy, s.UpdatedAt, s.UpdatedBy);

    /// <summary>The definition as the audit trail keeps it: recipients as stored (user ids, addresses, roles, departments).</summary>
    private static object Audited(MailSubscription s) => new
    {
        name = s.Name, report = s.Report, language = s.Language, attachments = s.AttachmentList, cron = s.Cron, time_zone = s.TimeZone,
        enabled = s.Enabled,
        recipients = s.Recipients.OrderBy(r => r.Position).Select(r => new { user_id = r.UserId, email = r.Email, role = r.Role, departments = r.DepartmentList }),
    };

    private static string Key(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
