namespace Kpi.Storage.Close;

/// <summary>
/// A department's scorecard for a period, frozen: version 1 at the first close, version 2 when late data changed its
/// numbers, and so on. <see cref="Content"/> holds everything its pack shows (a <see cref="FrozenScorecard"/>), so a pack
/// of any version renders from it alone, never from today's data. Versions are immutable once written.
/// </summary>
public sealed class ScorecardVersion
{
    public long Id { get; set; }
    public string Period { get; set; } = "";
    public int DepartmentId { get; set; }
    public string DepartmentCode { get; set; } = "";
    public int Version { get; set; }

    /// <summary>The period revision (<see cref="PeriodClose.Revision"/>) this version was frozen in.</summary>
    public int Revision { get; set; }

    public DateTime FrozenAt { get; set; }

    /// <summary>The frozen total and grade, for listings without reading <see cref="Content"/>.</summary>
    public decimal? Total { get; set; }
    public string? Grade { get; set; }

    /// <summary>The <see cref="FrozenScorecard"/> as JSON.</summary>
    public string Content { get; set; } = "";

    /// <summary>What changed from the previous version and why (<see cref="VersionChanges"/> as JSON); null for version 1.</summary>
    public string? Changes { get; set; }

    /// <summary>The Hangfire job last asked to render this version's packs.</summary>
    public string? RenderJobId { get; set; }
}
