namespace Kpi.Domain.Metrics;

/// <summary>
/// Turns totals into metric values. A ratio or mean is always Σnumerator / Σdenominator of the whole subtree and
/// period, never an average of smaller ratios; an empty or zero denominator gives "no data" (null), never 0.
/// </summary>
public static class MetricFormulas
{
    /// <summary>Facet names of <see cref="MetricCatalogue.SafetyIncidents"/>: counts by severity, and major + fatal.</summary>
    public static class SafetyFacets
    {
        public const string Minor = "minor";
        public const string Major = "major";
        public const string Fatal = "fatal";
        /// <summary>Major or fatal: what a 一票否决 veto usually tests.</summary>
        public const string Serious = "serious";
        public static readonly IReadOnlyList<string> All = [Minor, Major, Fatal, Serious];
    }

    /// <summary>Every built-in metric in catalogue order, then the custom metrics present in the totals, by code.</summary>
    public static IReadOnlyList<MetricValue> Compute(MetricTotals t)
    {
        var values = new List<MetricValue>(MetricCatalogue.BuiltIn.Count + t.Measurements.Count)
        {
            Ratio(MetricCatalogue.PlanCompletion, t.Production.Actual, t.Production.Planned, t.Production.Records),
            Ratio(MetricCatalogue.OnTimeDelivery, t.Deliveries.OnTime, t.Deliveries.Promised, t.Deliveries.Promised),
            Ratio(MetricCatalogue.QualityPass, t.Inspections.Passed, t.Inspections.Inspected, t.Inspections.Records),
            Ratio(MetricCatalogue.LabourProductivity, t.Production.Actual, t.Hours.Hours, t.Production.Records + t.Hours.Records),
            Safety(t.Safety),
            Ratio(MetricCatalogue.CustomerSatisfaction, t.Surveys.CustomerSum, t.Surveys.CustomerCount, t.Surveys.CustomerCount),
            Ratio(MetricCatalogue.CollaborationSatisfaction, t.Surveys.CollaborationSum, t.Surveys.CollaborationCount, t.Surveys.CollaborationCount),
            Ratio(MetricCatalogue.TrainingCompletion, t.Training.Completed, t.Training.Planned, t.Training.Planned),
            Ratio(MetricCatalogue.BudgetAttainment, t.Budget.Actual, t.Budget.Budget, t.Budget.Records),
            Ratio(MetricCatalogue.Callback48h, t.Tickets.CalledBackIn48h, t.Tickets.Opened, t.Tickets.Opened),
            Ratio(MetricCatalogue.ComplaintResolution, t.Tickets.ComplaintsResolved, t.Tickets.Complaints, t.Tickets.Complaints),
            Ratio(MetricCatalogue.TurnoverRate, t.Staff.Leavers, (t.Staff.HeadcountAtStart + t.Staff.HeadcountAtEnd) / 2m, t.Staff.Employed),
            Ratio(MetricCatalogue.QualificationRate, t.Staff.QualifiedAtEnd, t.Staff.HeadcountAtEnd, t.Staff.HeadcountAtEnd),
        };
        foreach (var (code, m) in t.Measurements.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            values.Add(Custom(code, m));
        return values;
    }

    /// <summary>
    /// A custom metric is a ratio when any of its records carries a denominator (records without one then add to the
    /// numerator only), else the plain sum of its numerators.
    /// </summary>
    public static MetricValue Custom(string code, MeasurementTotals m) =>
        m.WithDenominator > 0
            ? Ratio(code, m.Numerator, m.Denominator, m.Records)
            : new MetricValue(code, m.Records == 0 ? null : m.Numerator, m.Records == 0 ? null : m.Numerator, null, m.Records);

    private static MetricValue Ratio(string code, decimal numerator, decimal denominator, long records) =>
        new(code, denominator == 0 ? null : numerator / denominator, numerator, denominator, records);

    /// <summary>A count: zero when there are no records, never "no data".</summary>
    private static MetricValue Safety(SafetyTotals s) =>
        new(MetricCatalogue.SafetyIncidents, s.All, s.All, null, s.All, new Dictionary<string, decimal>
        {
            [SafetyFacets.Minor] = s.Minor,
            [SafetyFacets.Major] = s.Major,
            [SafetyFacets.Fatal] = s.Fatal,
            [SafetyFacets.Serious] = s.Major + s.Fatal,
        });
}
