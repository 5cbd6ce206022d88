using System.Linq.Expressions;
using Kpi.Storage.Access;
using Kpi.Storage.Accounts;
using Kpi.Storage.Appraisal;
using Kpi.Storage.Close;
using Kpi.Storage.Delivery;
using Kpi.Storage.Imports;
using Kpi.Storage.Organisation;
using Kpi.Storage.Records;
using Kpi.Storage.Scorecards;
using Kpi.Storage.Sources;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Kpi.Storage;

/// <summary>
/// The Kpi database. One model for both providers; each provider has its own subclass only so that it can carry its
/// own migrations (<see cref="SqliteKpiDbContext"/>, <see cref="PostgresKpiDbContext"/>). Tables and columns are
/// snake_case. Inject <see cref="KpiDbContext"/>; the provider is chosen by configuration. It is also Identity's user
/// store and the store of the Data Protection keys every host of one installation shares (cookies, tokens, secrets).
/// </summary>
public abstract class KpiDbContext(DbContextOptions options) : IdentityUserContext<KpiUser, int>(options), IDataProtectionKeyContext
{
    public DbSet<DepartmentEntity> Departments => Set<DepartmentEntity>();
    public DbSet<ProductionRow> Production => Set<ProductionRow>();
    public DbSet<HoursRow> Hours => Set<HoursRow>();
    public DbSet<DeliveryRow> Deliveries => Set<DeliveryRow>();
    public DbSet<InspectionRow> Inspections => Set<InspectionRow>();
    public DbSet<TicketRow> Tickets => Set<TicketRow>();
    public DbSet<SurveyRow> Surveys => Set<SurveyRow>();
    public DbSet<TrainingRow> Training => Set<TrainingRow>();
    public DbSet<BudgetRow> Budget => Set<BudgetRow>();
    public DbSet<SafetyRow> Safety => Set<SafetyRow>();
    public DbSet<StaffRow> Staff => Set<StaffRow>();
    public DbSet<MeasurementRow> Measurements => Set<MeasurementRow>();
    public DbSet<ScorecardEntity> Scorecards => Set<ScorecardEntity>();
    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();
    public DbSet<ImportRejection> ImportRejections => Set<ImportRejection>();
    public DbSet<ApiKeyEntity> ApiKeys => Set<ApiKeyEntity>();
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();
    public DbSet<PeriodClose> PeriodCloses => Set<PeriodClose>();
    public DbSet<ScorecardVersion> ScorecardVersions => Set<ScorecardVersion>();
    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();
    public DbSet<SourceEntity> Sources => Set<SourceEntity>();
    public DbSet<SourceRun> SourceRuns => Set<SourceRun>();
    public DbSet<SourceWatermark> SourceWatermarks => Set<SourceWatermark>();
    public DbSet<UserSession> Sessions => Set<UserSession>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<AppraisalTemplateRow> AppraisalTemplates => Set<AppraisalTemplateRow>();
    public DbSet<AppraisalCycleRow> AppraisalCycles => Set<AppraisalCycleRow>();
    public DbSet<CycleTransitionRow> CycleTransitions => Set<CycleTransitionRow>();
    public DbSet<AppraisalRow> Appraisals => Set<AppraisalRow>();
    public DbSet<AppraisalTransitionRow> AppraisalTransitions => Set<AppraisalTransitionRow>();
    public DbSet<AppraisalReminderRow> AppraisalReminders => Set<AppraisalReminderRow>();
    public DbSet<MailSubscription> Subscriptions => Set<MailSubscription>();
    public DbSet<SubscriptionRecipient> SubscriptionRecipients => Set<SubscriptionRecipient>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<OutboxAttempt> OutboxAttempts => Set<OutboxAttempt>();
    public DbSet<DeliveryRound> DeliveryRounds => Set<DeliveryRound>();
    public DbSet<SmtpSettingsEntity> SmtpSettings => Set<SmtpSettingsEntity>();

    public abstract DatabaseProvider Provider { get; }

    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);
        AccountsModel.Configure(model);
        model.Entity<DepartmentEntity>(e =>
        {
            e.ToTable("departments");
            e.HasIndex(d => d.Code).IsUnique();
            e.Property(d => d.Code).HasMaxLength(32);
            e.Property(d => d.ParentCode).HasMaxLength(32);
            e.Property(d => d.Name).HasMaxLength(100);
            e.Property(d => d.HeadEmployeeNo).HasMaxLength(64);
        });

        // Each record table is indexed by department and the date or instant that places it in a period; on PostgreSQL
        // the index also carries what the metric queries add up, so a department-month is an index-only scan however
        // the rows lie on disk.
        Records<ProductionRow>(model, "production_records", r => new { r.DepartmentId, r.Date }, r => new { r.PlannedQty, r.ActualQty });
        Records<HoursRow>(model, "hours_records", r => new { r.DepartmentId, r.Date }, r => new { r.Hours });
        Records<DeliveryRow>(model, "delivery_records", r => new { r.DepartmentId, r.PromisedDate }, r => new { r.DeliveredDate });
        Records<InspectionRow>(model, "inspection_records", r => new { r.DepartmentId, r.Date }, r => new { r.InspectedQty, r.PassedQty });
        Records<TicketRow>(model, "ticket_records", r => new { r.DepartmentId, r.OpenedAt }, r => new { r.Kind, r.CallbackIn48h, r.ResolvedAt });
        Records<SurveyRow>(model, "survey_records", r => new { r.DepartmentId, r.Date }, r => new { r.Survey, r.Score });
        Records<TrainingRow>(model, "training_records", r => new { r.DepartmentId, r.PlannedDate }, r => new { r.CompletedDate });
        Records<BudgetRow>(model, "budget_records", r => new { r.DepartmentId, r.Month }, r => new { r.BudgetAmount, r.ActualAmount });
        Records<SafetyRow>(model, "safety_records", r => new { r.DepartmentId, r.OccurredAt }, r => new { r.Severity });
        Records<StaffRow>(model, "staff_records", r => new { r.DepartmentId, r.HiredOn }, r => new { r.LeftOn, r.Qualified });
        Records<MeasurementRow>(model, "measurement_records", r => new { r.DepartmentId, r.Metric, r.Date }, r => new { r.Numerator, r.Denominator });

        model.Entity<ScorecardEntity>(e =>
        {
            e.ToTable("scorecards");
            e.HasKey(s => s.DepartmentId);
        });
        model.Entity<ImportRun>(e =>
        {
            e.ToTable("import_runs");
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(r => r.StartedAt);
            e.HasIndex(r => r.SourceRunId);
        });
        model.Entity<ImportRejection>(e =>
        {
            e.ToTable("import_rejections");
            e.HasIndex(r => new { r.RunId, r.Line });
            e.HasIndex(r => r.Department);
        });
        model.Entity<ApiKeyEntity>(e =>
        {
            e.ToTable("api_keys");
            e.HasIndex(k => k.KeyHash).IsUnique();
        });
        model.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_entries");
            e.HasIndex(a => a.At);
        });
        CloseModel.Configure(model);
        AppraisalModel.Configure(model);
        DeliveryModel.Configure(model);
        model.Entity<SourceEntity>(e =>
        {
            e.ToTable("sources");
            e.HasIndex(s => s.Name).IsUnique();
            e.Property(s => s.Name).HasMaxLength(SourceEntity.MaxNameLength);
            e.Property(s => s.Kind).HasMaxLength(32);
            e.Property(s => s.Connector).HasMaxLength(16);
            e.Property(s => s.Cron).HasMaxLength(100);
            e.Property(s => s.TimeZone).HasMaxLength(64);
        });
        model.Entity<SourceRun>(e =>
        {
            e.ToTable("source_runs");
            e.Property(r => r.SourceName).HasMaxLength(SourceEntity.MaxNameLength);
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(r => new { r.SourceName, r.Id });
        });
        model.Entity<SourceWatermark>(e =>
        {
            e.ToTable("source_watermarks");
            e.HasKey(w => w.SourceName);
            e.Property(w => w.SourceName).HasMaxLength(SourceEntity.MaxNameLength);
            e.Property(w => w.Type).HasMaxLength(16);
        });
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        // Instants are UTC everywhere; SQLite returns them without a kind, so say so on the way out.
        conventions.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        conventions.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    private void Records<TRow>(ModelBuilder model, string table, Expression<Func<TRow, object?>> byDepartmentAndTime,
        Expression<Func<TRow, object?>> summed)
        where TRow : RecordRow
    {
        model.Entity<TRow>(e =>
        {
            e.ToTable(table);
            e.HasKey(r => r.RecordId);
            e.Property(r => r.RecordId).HasMaxLength(100);
            var index = e.HasIndex(byDepartmentAndTime);
            if (Provider != DatabaseProvider.Postgres) return;
            // Beside what the metrics sum, the drill-down sorts, searches and lists a subtree-period's records by id and
            // names their import runs: with both in the index too, a company-month's 80,000 records are read from the
            // index alone rather than from nearly every page of a table in random physical order (docs/benchmarks.md).
            index.IncludeProperties([.. ((NewExpression)summed.Body).Members!.Select(m => m.Name), nameof(RecordRow.RecordId), nameof(RecordRow.RunId)]);
            // Record ids are opaque: byte order ("C") keeps the primary key fast whatever the database's locale.
            e.Property(r => r.RecordId).UseCollation("C");
            // Room on each page for a changed row's new version, so a restating re-import can update in place (HOT)
            // without touching the indexes.
            e.HasStorageParameter("fillfactor", 85);
        });
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>The embedded default: one SQLite file.</summary>
public sealed class SqliteKpiDbContext(DbContextOptions<SqliteKpiDbContext> options) : KpiDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

/// <summary>PostgreSQL, for companies with millions of records a month and several worker machines.</summary>
public sealed class PostgresKpiDbContext(DbContextOptions<PostgresKpiDbContext> options) : KpiDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
