using Kpi.Domain.Records;

namespace Kpi.Domain.Metrics;

/// <summary>
/// What a metric is: its code, names, unit, which way is better, which records feed it and its formula in words.
/// <see cref="Source"/> is the kind of its records; <see cref="AlsoFrom"/> a second kind its value divides by
/// (labour productivity: production over <c>hours</c>). <see cref="Sources"/> is every kind a value is computed from,
/// which is all a query for this metric needs to read.
/// </summary>
public sealed record MetricDefinition(
    string Code,
    string NameZh,
    string NameEn,
    MetricUnit Unit,
    Direction Direction,
    RecordKind Source,
    string FormulaZh,
    string FormulaEn,
    bool IsCustom = false,
    RecordKind? AlsoFrom = null)
{
    public string Name(string language) => language == "en" ? NameEn : NameZh;
    public string Formula(string language) => language == "en" ? FormulaEn : FormulaZh;

    public IReadOnlyList<RecordKind> Sources => AlsoFrom is { } also ? [Source, also] : [Source];
}
