using Kpi.Domain.Records;

namespace Kpi.Domain.Metrics;

/// <summary>What a metric is: its code, names, unit, which way is better, which records feed it and its formula in words.</summary>
public sealed record MetricDefinition(
    string Code,
    string NameZh,
    string NameEn,
    MetricUnit Unit,
    Direction Direction,
    RecordKind Source,
    string FormulaZh,
    string FormulaEn,
    bool IsCustom = false)
{
    public string Name(string language) => language == "en" ? NameEn : NameZh;
    public string Formula(string language) => language == "en" ? FormulaEn : FormulaZh;
}
