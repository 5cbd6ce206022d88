using Kpi.Domain.Appraisal;
using Kpi.Storage.Close;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kpi.Storage.Appraisal;

/// <summary>
/// The appraisal tables. States are stored as the API spells them (<c>self_assessment</c>), so the rows read the same
/// as the JSON. Appraisals are found by cycle (the cycle's steps, its page, its export), by cycle and department (a
/// manager's scope) and by employee or appraiser (what someone may see).
/// </summary>
internal static class AppraisalModel
{
    private const int CodeLength = 32;
    private const int EmployeeNoLength = 64;
    private const int NameLength = 200;
    private const int StatusLength = 24;

    public static void Configure(ModelBuilder model)
    {
        model.Entity<AppraisalTemplateRow>(e =>
        {
            e.ToTable("appraisal_templates");
            e.HasIndex(t => t.Code).IsUnique();
            e.Property(t => t.Code).HasMaxLength(CodeLength);
            e.Property(t => t.Name).HasMaxLength(NameLength);
            e.Property(t => t.CreatedBy).HasMaxLength(NameLength);
        });
        model.Entity<AppraisalCycleRow>(e =>
        {
            e.ToTable("appraisal_cycles");
            e.Property(c => c.Name).HasMaxLength(NameLength);
            e.Property(c => c.TemplateCode).HasMaxLength(CodeLength);
            e.Property(c => c.Period).HasMaxLength(PeriodClose.PeriodLength);
            e.Property(c => c.CreatedBy).HasMaxLength(NameLength);
            e.Property(c => c.FormsJobId).HasMaxLength(100);
            Status(e.Property(c => c.Status));
        });
        model.Entity<CycleTransitionRow>(e =>
        {
            e.ToTable("appraisal_cycle_transitions");
            e.HasOne<AppraisalCycleRow>().WithMany().HasForeignKey(t => t.CycleId);
            e.HasIndex(t => new { t.CycleId, t.Id });
            Status(e.Property(t => t.FromStatus));
            Status(e.Property(t => t.ToStatus));
            e.Property(t => t.ByEmployeeNo).HasMaxLength(EmployeeNoLength);
            e.Property(t => t.ByUser).HasMaxLength(NameLength);
        });
        model.Entity<AppraisalRow>(e =>
        {
            e.ToTable("appraisals");
            e.HasOne(a => a.Cycle).WithMany().HasForeignKey(a => a.CycleId);
            e.HasIndex(a => new { a.CycleId, a.EmployeeNo }).IsUnique();
            e.HasIndex(a => new { a.CycleId, a.Department });
            e.HasIndex(a => a.EmployeeNo);
            e.HasIndex(a => a.AppraiserEmployeeNo);
            e.Property(a => a.EmployeeNo).HasMaxLength(EmployeeNoLength);
            e.Property(a => a.Name).HasMaxLength(NameLength);
            e.Property(a => a.Department).HasMaxLength(CodeLength);
            e.Property(a => a.DepartmentName).HasMaxLength(NameLength);
            e.Property(a => a.Position).HasMaxLength(NameLength);
            e.Property(a => a.AppraiserEmployeeNo).HasMaxLength(EmployeeNoLength);
            e.Property(a => a.AppraiserName).HasMaxLength(NameLength);
            e.Property(a => a.KpiVetoCapGrade).HasMaxLength(8);
            e.Property(a => a.GradeOverride).HasMaxLength(8);
            e.Property(a => a.CalibratedByEmployeeNo).HasMaxLength(EmployeeNoLength);
            e.Property(a => a.Grade).HasMaxLength(8);
            Status(e.Property(a => a.Status));
        });
        model.Entity<AppraisalTransitionRow>(e =>
        {
            e.ToTable("appraisal_transitions");
            e.HasOne<AppraisalRow>().WithMany().HasForeignKey(t => t.AppraisalId);
            e.HasIndex(t => new { t.AppraisalId, t.Id });
            Status(e.Property(t => t.FromStatus));
            Status(e.Property(t => t.ToStatus));
            e.Property(t => t.ByEmployeeNo).HasMaxLength(EmployeeNoLength);
            e.Property(t => t.ByUser).HasMaxLength(NameLength);
        });
        model.Entity<AppraisalReminderRow>(e =>
        {
            e.ToTable("appraisal_reminders");
            e.HasOne<AppraisalRow>().WithMany().HasForeignKey(r => r.AppraisalId);
            e.HasIndex(r => new { r.AppraisalId, r.Step, r.Timing }).IsUnique();
            e.HasIndex(r => r.CycleId);
            e.Property(r => r.RecipientEmployeeNo).HasMaxLength(EmployeeNoLength);
            e.Property(r => r.Step).HasMaxLength(StatusLength).HasConversion(v => v.Name(), s => Parse<ReminderStep>(s));
            e.Property(r => r.Timing).HasMaxLength(StatusLength).HasConversion(v => v.Name(), s => Parse<ReminderTiming>(s));
        });
    }

    private static void Status(PropertyBuilder<AppraisalStatus> property) =>
        property.HasMaxLength(StatusLength).HasConversion(v => v.Name(), s => Parse<AppraisalStatus>(s));

    private static void Status(PropertyBuilder<CycleStatus> property) =>
        property.HasMaxLength(StatusLength).HasConversion(v => v.Name(), s => Parse<CycleStatus>(s));

    /// <summary>A stored state name back to its enum; a name no version ever wrote is a broken row.</summary>
    public static T Parse<T>(string text) where T : struct, Enum =>
        AppraisalNames.TryParse<T>(text, out var value) ? value : throw new InvalidOperationException($"'{text}' is not a stored {typeof(T).Name}.");
}
