using Kpi.Domain.Metrics;
using Kpi.Domain.Records;
using static Kpi.Domain.Metrics.MetricCatalogue;
using Kpi.Testing.Builders;
using static Kpi.Testing.Builders.Build;

namespace Kpi.Domain.Tests.Metrics;

/// <summary>
/// Every metric of the catalogue (docs/metrics.md) over hand-made records of one department, <c>D</c>, for October 2026
/// unless a case says otherwise. Expected values are written as the fraction worked out by hand
/// (<c>155m / 150m</c>), so the arithmetic can be checked against the records of the case.
/// </summary>
public class MetricCatalogueTests
{
    private const string October = "2026-10";

    private static void AssertValue(MetricValue v, decimal? value, decimal? numerator, decimal? denominator, long records)
    {
        Assert.Equal(value, v.Value);
        Assert.Equal(numerator, v.Numerator);
        Assert.Equal(denominator, v.Denominator);
        Assert.Equal(records, v.Records);
        Assert.Equal(value is not null, v.HasData);
    }

    [Theory]
    [InlineData(PlanCompletion, Direction.Higher, MetricUnit.Ratio, RecordKind.Production)]
    [InlineData(OnTimeDelivery, Direction.Higher, MetricUnit.Ratio, RecordKind.Deliveries)]
    [InlineData(QualityPass, Direction.Higher, MetricUnit.Ratio, RecordKind.Inspections)]
    [InlineData(LabourProductivity, Direction.Higher, MetricUnit.PerHour, RecordKind.Production)]
    [InlineData(SafetyIncidents, Direction.Lower, MetricUnit.Count, RecordKind.Safety)]
    [InlineData(CustomerSatisfaction, Direction.Higher, MetricUnit.Score, RecordKind.Surveys)]
    [InlineData(CollaborationSatisfaction, Direction.Higher, MetricUnit.Score, RecordKind.Surveys)]
    [InlineData(TrainingCompletion, Direction.Higher, MetricUnit.Ratio, RecordKind.Training)]
    [InlineData(BudgetAttainment, Direction.Lower, MetricUnit.Ratio, RecordKind.Budget)]
    [InlineData(Callback48h, Direction.Higher, MetricUnit.Ratio, RecordKind.Tickets)]
    [InlineData(ComplaintResolution, Direction.Higher, MetricUnit.Ratio, RecordKind.Tickets)]
    [InlineData(TurnoverRate, Direction.Lower, MetricUnit.Ratio, RecordKind.Staff)]
    [InlineData(QualificationRate, Direction.Higher, MetricUnit.Ratio, RecordKind.Staff)]
    public void Catalogue_BuiltInMetric_HasDesignsDirection(string code, Direction direction, MetricUnit unit, RecordKind source)
    {
        var m = FindBuiltIn(code);

        Assert.NotNull(m);
        Assert.Equal(direction, m.Direction);
        Assert.Equal(unit, m.Unit);
        Assert.Equal(source, m.Source);
        Assert.Equal(code == LabourProductivity ? [source, RecordKind.Hours] : [source], m.Sources);
        Assert.False(m.IsCustom);
        Assert.False(string.IsNullOrWhiteSpace(m.NameZh));
    }

    [Fact]
    public void Catalogue_HasExactlyDesignsThirteenMetricsInOrder() =>
        Assert.Equal(
            "plan_completion,on_time_delivery,quality_pass,labour_productivity,safety_incidents,customer_satisfaction," +
            "collaboration_satisfaction,training_completion,budget_attainment,callback_48h,complaint_resolution,turnover_rate,qualification_rate",
            string.Join(",", BuiltIn.Select(m => m.Code)));

    [Fact]
    public void Catalogue_UnknownCode_DescribesACustomHigherIsBetterMetric()
    {
        var m = Describe("scrap_rate");

        Assert.True(m.IsCustom);
        Assert.Equal("scrap_rate", m.NameZh);
        Assert.Equal(MetricUnit.Number, m.Unit);
        Assert.Equal(Direction.Higher, m.Direction);
        Assert.Equal(RecordKind.Measurements, m.Source);
    }

    [Theory]
    [InlineData("sales_completion", "销售计划完成率")]
    [InlineData("report_timeliness", "财务报表及时率")]
    public void Catalogue_DefaultCardsCustomMetrics_AreNamedRatiosFedByMeasurements(string code, string name)
    {
        var m = Describe(code);

        Assert.True(m.IsCustom);
        Assert.False(IsBuiltIn(code));
        Assert.Equal(name, m.NameZh);
        Assert.Equal(MetricUnit.Ratio, m.Unit);
        Assert.Equal(RecordKind.Measurements, m.Source);
    }

    [Fact]
    public void NoRecords_EveryRatioAndMeanIsNoDataAndSafetyIsZero()
    {
        var values = Evaluator().Evaluate(RecordSetOf(), "D", P(October));

        Assert.Equal(BuiltIn.Select(m => m.Code), values.Select(v => v.Metric)); // no custom metric without records
        foreach (var v in values.Where(v => v.Metric != SafetyIncidents))
        {
            Assert.Null(v.Value);
            Assert.False(v.HasData);
        }
        Assert.Equal(0m, values.Single(v => v.Metric == SafetyIncidents).Value);
    }

    [Fact]
    public void RecordsOfAnotherDepartment_NeverCount()
    {
        var values = Evaluator().Evaluate(RecordSetOf(
            Production("2026-10-05", 100, 90, dept: "X"), Hours("2026-10-05", 8, dept: "X"), Build.Delivery("2026-10-05", "2026-10-05", dept: "X"),
            Inspection("2026-10-05", 10, 10, dept: "X"), Complaint("2026-10-05T00:00:00Z", dept: "X"),
            Survey("2026-10-05", SurveyType.Customer, 90, dept: "X"), Survey("2026-10-05", SurveyType.Collaboration, 90, dept: "X"),
            Training("2026-10-05", null, dept: "X"), Budget("2026-10", 100, 90, dept: "X"), Safety("2026-10-05T00:00:00Z", Severity.Fatal, dept: "X"),
            Staff("2020-01-01", null, dept: "X"), Measurement("sales_completion", "2026-10-05", 1, 1, dept: "X")), "D", P(October));

        Assert.All(values, v => Assert.Equal(0, v.Records));
        Assert.DoesNotContain(values, v => v.Metric == "sales_completion");
    }

    public static TheoryData<string, SourceRecord[], string, decimal?, decimal?, decimal?, long> PlanCompletionCases => new()
    {
        { "no records: no data", [], October, null, 0m, 0m, 0 },
        { "sums, not the mean of 0.95 and 1.2", [Production("2026-10-01", 100, 95), Production("2026-10-31", 50, 60)], October, 155m / 150m, 155m, 150m, 2 },
        { "only production dated in the period", [Production("2026-09-30", 100, 0), Production("2026-10-15", 80, 80), Production("2026-11-01", 100, 0)], October, 1m, 80m, 80m, 1 },
        { "planned sums to zero: no data, not 0", [Production("2026-10-05", 0, 5)], October, null, 5m, 0m, 1 },
        { "nothing made against a plan: 0, which is data", [Production("2026-10-05", 40, 0)], October, 0m, 0m, 40m, 1 },
        { "quarter: all three months", [Production("2026-10-05", 100, 50), Production("2026-11-05", 100, 100), Production("2026-12-31", 100, 120), Production("2027-01-01", 100, 0)], "2026-Q4", 270m / 300m, 270m, 300m, 3 },
        { "YTD: January to the month", [Production("2026-01-01", 10, 10), Production("2026-10-31", 30, 20), Production("2025-12-31", 10, 0)], "2026-10-YTD", 30m / 40m, 30m, 40m, 2 },
    };

    [Theory]
    [MemberData(nameof(PlanCompletionCases))]
    public void PlanCompletion_IsActualOverPlannedOfProductionInThePeriod(string why, SourceRecord[] records, string period, decimal? value, decimal? num, decimal? den, long count)
    {
        _ = why;
        AssertValue(Metric(PlanCompletion, period, records), value, num, den, count);
    }

    public static TheoryData<string, SourceRecord[], string, decimal?, decimal?, decimal?, long> OnTimeDeliveryCases => new()
    {
        { "no deliveries promised: no data", [], October, null, 0m, 0m, 0 },
        {
            "same day and early are on time; the day after and not delivered are late",
            [Build.Delivery("2026-10-10", "2026-10-10"), Build.Delivery("2026-10-10", "2026-10-11"), Build.Delivery("2026-10-12", null), Build.Delivery("2026-10-20", "2026-10-01")],
            October, 2m / 4m, 2m, 4m, 4
        },
        { "promised on the last day, delivered the next: late, in October", [Build.Delivery("2026-10-31", "2026-11-01")], October, 0m, 0m, 1m, 1 },
        { "only undelivered orders: 0, not no data", [Build.Delivery("2026-10-15", null), Build.Delivery("2026-10-16", null)], October, 0m, 0m, 2m, 2 },
        { "placed by promised date, not delivered date", [Build.Delivery("2026-09-30", "2026-09-30"), Build.Delivery("2026-11-01", "2026-10-15")], October, null, 0m, 0m, 0 },
        { "quarter", [Build.Delivery("2026-10-01", "2026-10-01"), Build.Delivery("2026-11-30", "2026-12-01"), Build.Delivery("2026-12-31", "2026-12-31")], "2026-Q4", 2m / 3m, 2m, 3m, 3 },
    };

    [Theory]
    [MemberData(nameof(OnTimeDeliveryCases))]
    public void OnTimeDelivery_CountsDeliveriesPromisedInThePeriodDeliveredByThePromisedDate(string why, SourceRecord[] records, string period, decimal? value, decimal? num, decimal? den, long count)
    {
        _ = why;
        AssertValue(Metric(OnTimeDelivery, period, records), value, num, den, count);
    }

    public static TheoryData<string, SourceRecord[], string, decimal?, decimal?, decimal?, long> QualityPassCases => new()
    {
        { "no inspections: no data", [], October, null, 0m, 0m, 0 },
        { "sums, not the mean of 0.99 and 0.9", [Inspection("2026-10-01", 200, 198), Inspection("2026-10-31", 100, 90)], October, 288m / 300m, 288m, 300m, 2 },
        { "nothing inspected: no data, not 0", [Inspection("2026-10-05", 0, 0)], October, null, 0m, 0m, 1 },
        { "only inspections dated in the period", [Inspection("2026-09-30", 100, 0), Inspection("2026-10-10", 50, 49), Inspection("2026-11-01", 100, 0)], October, 49m / 50m, 49m, 50m, 1 },
    };

    [Theory]
    [MemberData(nameof(QualityPassCases))]
    public void QualityPass_IsPassedOverInspected(string why, SourceRecord[] records, string period, decimal? value, decimal? num, decimal? den, long count)
    {
        _ = why;
        AssertValue(Metric(QualityPass, period, records), value, num, den, count);
    }

    public static TheoryData<string, SourceRecord[], string, decimal?, decimal?, decimal?, long> LabourProductivityCases => new()
    {
        { "no records: no data", [], October, null, 0m, 0m, 0 },
        { "actual output over all hours", [Production("2026-10-05", 100, 400), Hours("2026-10-05", 160), Hours("2026-10-20", 40)], October, 2m, 400m, 200m, 3 },
        { "production but no hours: no data", [Production("2026-10-05", 100, 400)], October, null, 400m, 0m, 1 },
        { "hours but no production: 0 per hour", [Hours("2026-10-05", 8)], October, 0m, 0m, 8m, 1 },
        { "both dated in the period", [Production("2026-10-05", 0, 100), Production("2026-11-01", 0, 900), Hours("2026-09-30", 8), Hours("2026-10-01", 10)], October, 10m, 100m, 10m, 2 },
    };

    [Theory]
    [MemberData(nameof(LabourProductivityCases))]
    public void LabourProductivity_IsActualQuantityOverHours(string why, SourceRecord[] records, string period, decimal? value, decimal? num, decimal? den, long count)
    {
        _ = why;
        AssertValue(Metric(LabourProductivity, period, records), value, num, den, count);
    }

    public static TheoryData<string, SourceRecord[], string, decimal, long, long, long, long> SafetyCases => new()
    {
        { "no records: 0, never no data", [], October, 0m, 0, 0, 0, 0 },
        {
            "one of each, and a second minor",
            [Safety("2026-10-02T00:00:00Z", Severity.Minor), Safety("2026-10-03T00:00:00Z", Severity.Minor), Safety("2026-10-04T00:00:00Z", Severity.Major), Safety("2026-10-05T00:00:00Z", Severity.Fatal)],
            October, 4m, 2, 1, 1, 2
        },
        { "placed by Shanghai local time at both ends", [Safety("2026-09-30T16:00:00Z", Severity.Minor), Safety("2026-10-31T16:00:00Z", Severity.Major), Safety("2026-09-30T15:59:59Z", Severity.Fatal)], October, 1m, 1, 0, 0, 0 },
        { "quarter", [Safety("2026-10-02T00:00:00Z", Severity.Minor), Safety("2026-12-31T15:59:59Z", Severity.Fatal), Safety("2026-12-31T16:00:00Z", Severity.Fatal)], "2026-Q4", 2m, 1, 0, 1, 1 },
    };

    [Theory]
    [MemberData(nameof(SafetyCases))]
    public void SafetyIncidents_CountsIncidentsWithSeverityFacets(string why, SourceRecord[] records, string period, decimal count, long minor, long major, long fatal, long serious)
    {
        _ = why;
        var v = Metric(SafetyIncidents, period, records);

        AssertValue(v, count, count, null, (long)count);
        Assert.Equal(minor, v.Facet(MetricFormulas.SafetyFacets.Minor));
        Assert.Equal(major, v.Facet(MetricFormulas.SafetyFacets.Major));
        Assert.Equal(fatal, v.Facet(MetricFormulas.SafetyFacets.Fatal));
        Assert.Equal(serious, v.Facet(MetricFormulas.SafetyFacets.Serious));
        Assert.Equal(count, v.Facet(null));
    }

    public static TheoryData<string, string, SourceRecord[], decimal?, decimal?, decimal?, long> SatisfactionCases => new()
    {
        { "no customer surveys: no data", CustomerSatisfaction, [Survey("2026-10-05", SurveyType.Collaboration, 80)], null, 0m, 0m, 0 },
        {
            "mean of customer scores only",
            CustomerSatisfaction,
            [Survey("2026-10-01", SurveyType.Customer, 80), Survey("2026-10-15", SurveyType.Customer, 90), Survey("2026-10-31", SurveyType.Customer, 95), Survey("2026-10-31", SurveyType.Collaboration, 10)],
            265m / 3m, 265m, 3m, 3
        },
        { "a single score of 0 is data", CustomerSatisfaction, [Survey("2026-10-05", SurveyType.Customer, 0)], 0m, 0m, 1m, 1 },
        { "only surveys dated in the period", CustomerSatisfaction, [Survey("2026-09-30", SurveyType.Customer, 10), Survey("2026-10-05", SurveyType.Customer, 88.5m), Survey("2026-11-01", SurveyType.Customer, 10)], 88.5m, 88.5m, 1m, 1 },
        { "no collaboration surveys: no data", CollaborationSatisfaction, [Survey("2026-10-05", SurveyType.Customer, 80)], null, 0m, 0m, 0 },
        {
            "mean of collaboration scores only",
            CollaborationSatisfaction,
            [Survey("2026-10-01", SurveyType.Collaboration, 70), Survey("2026-10-02", SurveyType.Collaboration, 75), Survey("2026-10-03", SurveyType.Customer, 100)],
            72.5m, 145m, 2m, 2
        },
    };

    [Theory]
    [MemberData(nameof(SatisfactionCases))]
    public void Satisfaction_IsTheMeanScoreOfItsSurveyType(string why, string metric, SourceRecord[] records, decimal? value, decimal? num, decimal? den, long count)
    {
        _ = why;
        AssertValue(Metric(metric, October, records), value, num, den, count);
    }

    public static TheoryData<string, SourceRecord[], string, decimal?, decimal?, decimal?, long> TrainingCases => new()
    {
        { "nothing planned: no data", [], October, null, 0m, 0m, 0 },
        {
            "completed on the last day counts; the day after does not; early completion counts",
            [Training("2026-10-10", "2026-10-31"), Training("2026-10-10", "2026-11-01"), Training("2026-10-10", null), Training("2026-10-20", "2026-09-15")],
            October, 2m / 4m, 2m, 4m, 4
        },
        { "placed by planned date", [Training("2026-09-30", "2026-10-05"), Training("2026-11-01", "2026-10-05")], October, null, 0m, 0m, 0 },
        { "nothing completed: 0, not no data", [Training("2026-10-10", null)], October, 0m, 0m, 1m, 1 },
        { "a quarter's deadline is the quarter's last day", [Training("2026-10-10", "2026-11-01"), Training("2026-12-31", "2026-12-31"), Training("2026-12-01", "2027-01-01")], "2026-Q4", 2m / 3m, 2m, 3m, 3 },
    };

    [Theory]
    [MemberData(nameof(TrainingCases))]
    public void TrainingCompletion_CountsTrainingPlannedInThePeriodCompletedByItsLastDay(string why, SourceRecord[] records, string period, decimal? value, decimal? num, decimal? den, long count)
    {
        _ = why;
        AssertValue(Metric(TrainingCompletion, period, records), value, num, den, count);
    }

    public static TheoryData<string, SourceRecord[], string, decimal?, decimal?, decimal?, long> BudgetCases => new()
    {
        { "no budget: no data", [], October, null, 0m, 0m, 0 },
        { "spend over budget", [Budget("2026-10", 10000, 9500)], October, 0.95m, 9500m, 10000m, 1 },
        { "overspent", [Budget("2026-10", 10000, 12500), Budget("2026-10", 0, 0)], October, 1.25m, 12500m, 10000m, 2 },
        { "zero budget: no data", [Budget("2026-10", 0, 500)], October, null, 500m, 0m, 1 },
        {
            "quarter sums its months, not the mean of 0.95, 1.1 and 0.95",
            [Budget("2026-09", 10000, 50000), Budget("2026-10", 10000, 9500), Budget("2026-11", 10000, 11000), Budget("2026-12", 20000, 19000), Budget("2027-01", 1, 1)],
            "2026-Q4", 39500m / 40000m, 39500m, 40000m, 3
        },
    };

    [Theory]
    [MemberData(nameof(BudgetCases))]
    public void BudgetAttainment_IsSpendOverBudgetOfTheMonthsInThePeriod(string why, SourceRecord[] records, string period, decimal? value, decimal? num, decimal? den, long count)
    {
        _ = why;
        AssertValue(Metric(BudgetAttainment, period, records), value, num, den, count);
    }

    public static TheoryData<string, SourceRecord[], string, decimal?, decimal?, decimal?, long> CallbackCases => new()
    {
        { "no tickets: no data", [], October, null, 0m, 0m, 0 },
        {
            "exactly 48:00:00 counts, 48:00:01 does not, none does not, at once counts, inquiries count too",
            [
                Complaint("2026-10-10T08:00:00Z", callback: "2026-10-12T08:00:00Z"),
                Complaint("2026-10-10T08:00:00Z", callback: "2026-10-12T08:00:01Z"),
                Complaint("2026-10-10T08:00:00Z"),
                Complaint("2026-10-10T08:00:00Z", callback: "2026-10-10T08:00:00Z"),
                Inquiry("2026-10-10T08:00:00Z", callback: "2026-10-11T08:00:00Z"),
            ],
            October, 3m / 5m, 3m, 5m, 5
        },
        { "48 hours measured across offsets", [Inquiry("2026-10-10T08:00:00Z", callback: "2026-10-12T16:00:00+08:00")], October, 1m, 1m, 1m, 1 },
        { "a callback after the period ends still counts when within 48 h", [Inquiry("2026-10-31T15:00:00Z", callback: "2026-11-02T15:00:00Z")], October, 1m, 1m, 1m, 1 },
        { "placed by opened_at in Shanghai", [Inquiry("2026-10-31T17:30:00Z", callback: "2026-10-31T18:00:00Z"), Inquiry("2026-09-30T16:00:00Z")], October, 0m, 0m, 1m, 1 },
    };

    [Theory]
    [MemberData(nameof(CallbackCases))]
    public void Callback48h_CountsTicketsOpenedInThePeriodCalledBackWithin48HoursInclusive(string why, SourceRecord[] records, string period, decimal? value, decimal? num, decimal? den, long count)
    {
        _ = why;
        AssertValue(Metric(Callback48h, period, records), value, num, den, count);
    }

    public static TheoryData<string, SourceRecord[], string, decimal?, decimal?, decimal?, long> ComplaintCases => new()
    {
        { "no complaints: no data", [], October, null, 0m, 0m, 0 },
        { "only inquiries: no data", [Inquiry("2026-10-05T00:00:00Z", resolved: "2026-10-06T00:00:00Z"), Inquiry("2026-10-05T00:00:00Z")], October, null, 0m, 0m, 0 },
        {
            "resolved at 23:59:59 local counts; at the first instant of November does not; unresolved does not; inquiries ignored",
            [
                Complaint("2026-10-05T00:00:00Z", resolved: "2026-10-31T15:59:59Z"),
                Complaint("2026-10-05T00:00:00Z", resolved: "2026-10-31T16:00:00Z"),
                Complaint("2026-10-05T00:00:00Z"),
                Complaint("2026-10-05T00:00:00Z", resolved: "2026-10-20T00:00:00Z"),
                Inquiry("2026-10-05T00:00:00Z", resolved: "2026-10-06T00:00:00Z"),
                Inquiry("2026-10-05T00:00:00Z"),
            ],
            October, 2m / 4m, 2m, 4m, 4
        },
        { "placed by opened_at in Shanghai", [Complaint("2026-10-31T17:30:00Z", resolved: "2026-10-31T18:00:00Z")], October, null, 0m, 0m, 0 },
        { "the same complaint in November: resolved before November ends", [Complaint("2026-10-31T17:30:00Z", resolved: "2026-10-31T18:00:00Z")], "2026-11", 1m, 1m, 1m, 1 },
        { "a quarter's deadline is the quarter's end", [Complaint("2026-10-20T00:00:00Z", resolved: "2026-11-05T00:00:00Z"), Complaint("2026-12-20T00:00:00Z", resolved: "2026-12-31T16:00:00Z")], "2026-Q4", 1m / 2m, 1m, 2m, 2 },
    };

    [Theory]
    [MemberData(nameof(ComplaintCases))]
    public void ComplaintResolution_CountsComplaintsOpenedInThePeriodResolvedBeforeItEnds(string why, SourceRecord[] records, string period, decimal? value, decimal? num, decimal? den, long count)
    {
        _ = why;
        AssertValue(Metric(ComplaintResolution, period, records), value, num, den, count);
    }

    [Fact]
    public void ComplaintResolution_ResolvedInTheNextMonth_CountsForTheQuarterButNotTheMonth()
    {
        SourceRecord[] records = [Complaint("2026-10-20T00:00:00Z", resolved: "2026-11-05T00:00:00Z")];

        Assert.Equal(0m, Metric(ComplaintResolution, October, records).Value);
        Assert.Equal(1m, Metric(ComplaintResolution, "2026-Q4", records).Value);
    }

    /// <summary>
    /// A: employed throughout. B: leaves on October 31, its last day. C: leaves October 15. D: hired October 10.
    /// E: left September 30. F: hired next year.
    /// October: headcount on the 1st A, B, C = 3; on the 31st A, B, D = 3; leavers B, C = 2.
    /// </summary>
    private static SourceRecord[] StaffOfOctober =>
    [
        Staff("2020-01-01", null, qualified: true),
        Staff("2020-01-01", "2026-10-31", qualified: false),
        Staff("2020-01-01", "2026-10-15", qualified: true),
        Staff("2026-10-10", null, qualified: true),
        Staff("2020-01-01", "2026-09-30", qualified: true),
        Staff("2027-01-01", null, qualified: false),
    ];

    public static TheoryData<string, SourceRecord[], string, decimal?, decimal?, decimal?, long> TurnoverCases => new()
    {
        { "no staff: no data", [], October, null, 0m, 0m, 0 },
        // A leaver on the last day is a leaver of October and still in the headcount on October 31.
        { "leavers over the mean of first- and last-day headcount", StaffOfOctober, October, 2m / 3m, 2m, 3m, 4 },
        // Quarter: on October 1 A, B, C = 3; on December 31 A, D = 2; mean 2.5.
        { "quarter: headcount on the quarter's first and last day", StaffOfOctober, "2026-Q4", 2m / 2.5m, 2m, 2.5m, 4 },
        // A leaver on the first day is a leaver of the period and in the first day's headcount: 1 / ((2 + 1) / 2).
        { "a leaver on the first day", [Staff("2020-01-01", null), Staff("2020-01-01", "2026-10-01")], October, 1m / 1.5m, 1m, 1.5m, 2 },
        { "hired and gone within the month, nobody else: no data", [Staff("2026-10-05", "2026-10-20")], October, null, 1m, 0m, 1 },
        { "left the day before the period: neither leaver nor headcount", [Staff("2020-01-01", "2026-09-30"), Staff("2020-01-01", null)], October, 0m, 0m, 1m, 1 },
    };

    [Theory]
    [MemberData(nameof(TurnoverCases))]
    public void TurnoverRate_IsLeaversOverMeanHeadcountOfTheFirstAndLastDay(string why, SourceRecord[] records, string period, decimal? value, decimal? num, decimal? den, long count)
    {
        _ = why;
        AssertValue(Metric(TurnoverRate, period, records), value, num, den, count);
    }

    public static TheoryData<string, SourceRecord[], string, decimal?, decimal?, decimal?, long> QualificationCases => new()
    {
        { "no staff: no data", [], October, null, 0m, 0m, 0 },
        // On October 31: A (qualified), B (leaving that day, not qualified), D (qualified). C left on the 15th.
        { "qualified among the last day's headcount", StaffOfOctober, October, 2m / 3m, 2m, 3m, 3 },
        { "quarter: the quarter's last day", StaffOfOctober, "2026-Q4", 1m, 2m, 2m, 2 },
        { "everyone gone by the last day: no data", [Staff("2020-01-01", "2026-10-30")], October, null, 0m, 0m, 0 },
    };

    [Theory]
    [MemberData(nameof(QualificationCases))]
    public void QualificationRate_IsQualifiedOverTheLastDaysHeadcount(string why, SourceRecord[] records, string period, decimal? value, decimal? num, decimal? den, long count)
    {
        _ = why;
        AssertValue(Metric(QualificationRate, period, records), value, num, den, count);
    }

    public static TheoryData<string, SourceRecord[], decimal?, decimal?, decimal?, long> CustomCases => new()
    {
        { "with denominators: ratio of sums", [Measurement("x", "2026-10-05", 120, 100), Measurement("x", "2026-10-31", 60, 200)], 180m / 300m, 180m, 300m, 2 },
        { "without denominators: sum of numerators", [Measurement("x", "2026-10-05", 5, null), Measurement("x", "2026-10-20", 7, null)], 12m, 12m, null, 2 },
        { "without denominators, summing to 0: 0 is data", [Measurement("x", "2026-10-05", 5, null), Measurement("x", "2026-10-20", -5, null)], 0m, 0m, null, 2 },
        { "denominators summing to 0: no data", [Measurement("x", "2026-10-05", 3, 0), Measurement("x", "2026-10-06", 4, 0)], null, 7m, 0m, 2 },
        // Mixed records make a ratio, the undivided numerator adding on top (docs/metrics.md, custom metrics).
        { "mixed: a ratio, records without a denominator add to the numerator", [Measurement("x", "2026-10-05", 10, 20), Measurement("x", "2026-10-06", 5, null)], 15m / 20m, 15m, 20m, 2 },
        { "only measurements dated in the period", [Measurement("x", "2026-09-30", 99, 1), Measurement("x", "2026-10-01", 1, 2), Measurement("x", "2026-11-01", 99, 1)], 0.5m, 1m, 2m, 1 },
        { "another metric's records do not mix in", [Measurement("x", "2026-10-05", 1, 4), Measurement("y", "2026-10-05", 100, 1)], 0.25m, 1m, 4m, 1 },
    };

    [Theory]
    [MemberData(nameof(CustomCases))]
    public void CustomMeasurement_IsRatioOfSumsOrSumOfNumerators(string why, SourceRecord[] records, decimal? value, decimal? num, decimal? den, long count)
    {
        _ = why;
        AssertValue(Metric("x", October, records), value, num, den, count);
    }

    [Fact]
    public void CustomMeasurement_WithRecordsOnlyOutsideThePeriod_HasNoValueAtAll()
    {
        var values = Evaluator().Evaluate(RecordSetOf(Measurement("x", "2026-09-30", 1, 1)), "D", P(October));

        Assert.DoesNotContain(values, v => v.Metric == "x");
    }

    [Fact]
    public void Compute_ListsBuiltInsInCatalogueOrderThenCustomMetricsByCode()
    {
        var values = Evaluator().Evaluate(RecordSetOf(Measurement("zeta", "2026-10-05", 1, null), Measurement("alpha", "2026-10-05", 1, null)), "D", P(October));

        Assert.Equal([.. BuiltIn.Select(m => m.Code), "alpha", "zeta"], values.Select(v => v.Metric).ToArray());
    }
}
