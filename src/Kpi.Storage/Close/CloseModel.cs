using Microsoft.EntityFrameworkCore;

namespace Kpi.Storage.Close;

/// <summary>The tables of the monthly close: closes, frozen scorecard versions and the stored report files.</summary>
internal static class CloseModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<PeriodClose>(e =>
        {
            e.ToTable("period_closes");
            e.HasIndex(c => c.Period).IsUnique();
            e.Property(c => c.Period).HasMaxLength(PeriodClose.PeriodLength);
            e.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.RequestedBy).HasMaxLength(200);
            e.Property(c => c.CloseJobId).HasMaxLength(100);
            e.Property(c => c.SummaryJobId).HasMaxLength(100);
        });
        model.Entity<ScorecardVersion>(e =>
        {
            e.ToTable("scorecard_versions");
            e.HasIndex(v => new { v.Period, v.DepartmentId, v.Version }).IsUnique();
            e.HasIndex(v => new { v.Period, v.Revision });
            e.Property(v => v.Period).HasMaxLength(PeriodClose.PeriodLength);
            e.Property(v => v.DepartmentCode).HasMaxLength(32);
            e.Property(v => v.Grade).HasMaxLength(8);
            e.Property(v => v.RenderJobId).HasMaxLength(100);
        });
        model.Entity<StoredFile>(e =>
        {
            e.ToTable("stored_files");
            e.HasIndex(p => new { p.Report, p.Period, p.Subject, p.Version, p.Language, p.Format }).IsUnique();
            e.Property(p => p.Report).HasMaxLength(16);
            e.Property(p => p.Period).HasMaxLength(PeriodClose.PeriodLength);
            e.Property(p => p.Subject).HasMaxLength(32);
            e.Property(p => p.Language).HasMaxLength(8);
            e.Property(p => p.Format).HasMaxLength(8);
            e.Property(p => p.ContentType).HasMaxLength(100);
            e.Property(p => p.Sha256).HasMaxLength(64);
        });
    }
}
