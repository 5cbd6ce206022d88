using Kpi.Domain.Periods;
using Kpi.Domain.Scoring;

namespace Kpi.Reporting.Models;

/// <summary>A department's line in the company ranking.</summary>
public sealed record DepartmentRankingRow(
    int Rank,
    string DepartmentCode,
    string DepartmentName,
    decimal? Total,
    string? Grade,
    decimal? Completeness,
    string? VetoReason);

/// <summary>A red line on some department's card, with why it is red in words.</summary>
public sealed record RedFlag(string DepartmentCode, string DepartmentName, string MetricCode, string MetricName, RagStatus Status, string Why);

/// <summary>A summary of a restated month: which version it is, when it was restated and which departments' numbers moved.</summary>
public sealed record SummaryRestatement(int Version, DateTimeOffset RestatedAt, IReadOnlyList<string> Departments);

/// <summary>
/// The company view executives get by mail: headline scorecard, ranking, red flags and the score's 13-month trend.
/// <see cref="Version"/> counts the month's restatements (1 = as first closed); a later version carries its
/// <see cref="Restatement"/>.
/// </summary>
public sealed record ExecutiveSummaryModel(
    string CompanyName,
    Period Period,
    DateTimeOffset GeneratedAt,
    ReportLanguage Language,
    ScorecardModel CompanyScorecard,
    IReadOnlyList<DepartmentRankingRow> Ranking,
    IReadOnlyList<RedFlag> RedFlags,
    IReadOnlyList<TrendPoint> ScoreTrend,
    int Version = 1,
    SummaryRestatement? Restatement = null);
