using Kpi.Domain.Periods;

namespace Kpi.Reporting.Models;

/// <summary>
/// Everything a department's monthly pack shows, flat and final: the PDF and the XLSX render this same model and
/// compute nothing of their own. <see cref="GeneratedAt"/> is part of the model (not read from a clock) so the same
/// model always renders to the same bytes.
/// </summary>
public sealed record DepartmentPackModel(
    string CompanyName,
    string DepartmentCode,
    string DepartmentName,
    Period Period,
    int Version,
    DateTimeOffset GeneratedAt,
    ReportLanguage Language,
    RestatementNotice? Restatement,
    ScorecardModel Scorecard,
    IReadOnlyList<MetricSectionModel> Metrics,
    DataQualityModel DataQuality);
