using Kpi.Storage.Close;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Storage.Delivery;

/// <summary>The tables of mail delivery: subscriptions and their recipients, the outbox and its attempts, after-close rounds, SMTP settings.</summary>
internal static class DeliveryModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<MailSubscription>(e =>
        {
            e.ToTable("subscriptions");
            e.Property(s => s.Name).HasMaxLength(MailSubscription.MaxNameLength);
            e.Property(s => s.Report).HasMaxLength(32);
            e.Property(s => s.Language).HasMaxLength(8);
            e.Property(s => s.Attachments).HasMaxLength(32);
            e.Property(s => s.Cron).HasMaxLength(100);
            e.Property(s => s.TimeZone).HasMaxLength(64);
            e.Property(s => s.CreatedBy).HasMaxLength(200);
            e.Property(s => s.UpdatedBy).HasMaxLength(200);
            e.HasMany(s => s.Recipients).WithOne().HasForeignKey(r => r.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<SubscriptionRecipient>(e =>
        {
            e.ToTable("subscription_recipients");
            e.Property(r => r.Email).HasMaxLength(320);
            e.Property(r => r.Role).HasMaxLength(16);
            e.Property(r => r.Departments).HasMaxLength(2000);
            e.HasIndex(r => new { r.SubscriptionId, r.Position });
            e.HasIndex(r => r.UserId);
        });
        model.Entity<OutboxMessage>(e =>
        {
            e.ToTable("outbox_messages");
            e.Property(m => m.Kind).HasMaxLength(32);
            e.Property(m => m.Period).HasMaxLength(PeriodClose.PeriodLength);
            e.Property(m => m.RecipientKey).HasMaxLength(OutboxMessage.KeyLength);
            e.Property(m => m.Trigger).HasMaxLength(32);
            e.Property(m => m.Address).HasMaxLength(320);
            e.Property(m => m.DisplayName).HasMaxLength(200);
            e.Property(m => m.Role).HasMaxLength(16);
            e.Property(m => m.Scope).HasMaxLength(2000);
            e.Property(m => m.Language).HasMaxLength(8);
            e.Property(m => m.Attachments).HasMaxLength(32);
            e.Property(m => m.MessageId).HasMaxLength(200);
            e.Property(m => m.Subject).HasMaxLength(500);
            e.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(m => m.Sender).HasMaxLength(200);
            e.Property(m => m.LastResult).HasMaxLength(2000);
            // Created once: a second planning of the same mail — a retried job, two workers, a second trigger — finds it.
            e.HasIndex(m => new { m.SubscriptionId, m.Period, m.Revision, m.RecipientKey }).IsUnique();
            e.HasIndex(m => m.MessageId).IsUnique();
            // What senders and the sweep look for: due pending rows, rows in flight.
            e.HasIndex(m => new { m.Status, m.NextAttemptAt });
            e.HasIndex(m => new { m.Period, m.Status });
            e.HasMany(m => m.AttemptLog).WithOne().HasForeignKey(a => a.OutboxMessageId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<OutboxAttempt>(e =>
        {
            e.ToTable("outbox_attempts");
            e.Property(a => a.Sender).HasMaxLength(200);
            e.Property(a => a.Outcome).HasMaxLength(16);
            e.Property(a => a.Detail).HasMaxLength(2000);
            e.HasIndex(a => new { a.OutboxMessageId, a.Number });
        });
        model.Entity<DeliveryRound>(e =>
        {
            e.ToTable("delivery_rounds");
            e.Property(r => r.Period).HasMaxLength(PeriodClose.PeriodLength);
            e.HasIndex(r => new { r.Period, r.Revision }).IsUnique();
        });
        model.Entity<SmtpSettingsEntity>(e =>
        {
            e.ToTable("smtp_settings");
            e.Property(s => s.Id).ValueGeneratedNever();
            e.Property(s => s.Host).HasMaxLength(255);
            e.Property(s => s.Security).HasMaxLength(16);
            e.Property(s => s.User).HasMaxLength(320);
            e.Property(s => s.Password).HasMaxLength(2000);
            e.Property(s => s.UpdatedBy).HasMaxLength(200);
        });
    }
}
