using Kpi.Domain.Periods;
using Kpi.Reporting.Models;

namespace Kpi.Reporting.Mail;

/// <summary>
/// One department's line in a department-packs mail: its headline figures and whether its pack was restated.
/// <see cref="Withheld"/>: the recipient's pack is the restricted variant, whose total, grade and rank are not shown.
/// </summary>
public sealed record DepartmentPackSummary(
    string DepartmentCode,
    string DepartmentName,
    decimal? Total,
    string? Grade,
    PeerRank? Rank,
    string? VetoReason,
    int Version,
    bool Restated,
    bool Withheld = false)
{
    /// <summary>The line for a rendered pack: the same figures its cover shows.</summary>
    public static DepartmentPackSummary From(DepartmentPackModel pack) => new(
        pack.DepartmentCode, pack.DepartmentName, pack.Scorecard.Total, pack.Scorecard.Grade, pack.Scorecard.Rank,
        pack.Scorecard.VetoReason, pack.Version, pack.Restatement is not null, pack.Scorecard.Withheld is not null);
}

/// <summary>
/// What one recipient of a department-packs subscription gets for a period: the departments their scope allows, in
/// the order given, each with score, grade and rank; the packs themselves travel as attachments. <see cref="Revision"/>
/// is the period's revision the mail is sent for: from 2 on, the mail is a correction of the one sent before.
/// </summary>
public sealed record DepartmentPackMailModel(
    string CompanyName,
    Period Period,
    ReportLanguage Language,
    DateTimeOffset GeneratedAt,
    int Revision,
    IReadOnlyList<DepartmentPackSummary> Departments)
{
    /// <summary>
    /// The mail model for rendered packs of one company, period and language — a scope is never mixed across them, so a
    /// mix is a caller's mistake and refused. The mail's time is the latest pack's.
    /// </summary>
    public static DepartmentPackMailModel From(IReadOnlyList<DepartmentPackModel> packs, int revision)
    {
        if (packs.Count == 0) throw new ArgumentException("A department-packs mail needs at least one pack.", nameof(packs));
        var first = packs[0];
        if (packs.Any(p => p.CompanyName != first.CompanyName || p.Period != first.Period || p.Language != first.Language))
            throw new ArgumentException("The packs of one mail must share company, period and language.", nameof(packs));
        return new DepartmentPackMailModel(first.CompanyName, first.Period, first.Language, packs.Max(p => p.GeneratedAt), revision,
            packs.Select(DepartmentPackSummary.From).ToList());
    }
}
