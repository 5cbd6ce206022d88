using System.Linq.Expressions;
using Kpi.Domain.Metrics;
using Kpi.Domain.Metrics.Rules;
using Kpi.Domain.Periods;
using Kpi.Domain.Records;
using Kpi.Storage.Imports;
using Kpi.Storage.Organisation;
using Kpi.Storage.Records;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Storage.Metrics;

/// <summary>What a drill-down asks for: a filter, a sort and a page. <see cref="Counted"/> keeps the records the metric's rule counts (true) or those it does not (false).</summary>
public sealed record RecordQuery(
    string? Department = null, string? Search = null, bool? Counted = null, string? Sort = null, bool Descending = false, int Page = 1,
    int PageSize = RecordQuery.DefaultPageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;
}

public enum RecordColumnType { Text, Date, Instant, Number, Flag }

/// <summary>A column of a drill-down: its name as the import contract spells it (or the rule it shows) and its type.</summary>
public sealed record RecordColumn(string Name, RecordColumnType Type);

/// <summary>One record: its id, its department's code, the import run that last wrote it and its values, in column order.</summary>
public sealed record RecordLine(string RecordId, string Department, long? RunId, IReadOnlyList<object?> Values);

/// <summary>
/// A page of the records behind a metric's value, and over every record that matches the filter (not only the page):
/// how many, the sums of the number columns and the counts of the flag columns — for the unfiltered records these are
/// the value's own inputs (numerator, denominator, records). <see cref="Runs"/> are the import runs that wrote matching
/// records and refused rows of the subtree (the runs whose rejections the drill-down lists), at most 1,000.
/// </summary>
public sealed record RecordPage(
    RecordKind Kind,
    IReadOnlyList<RecordKind> Kinds,
    IReadOnlyList<RecordColumn> Columns,
    string? CountedColumn,
    long Total,
    int Page,
    int PageSize,
    string Sort,
    bool Descending,
    IReadOnlyDictionary<string, decimal> Sums,
    IReadOnlyList<RecordLine> Rows,
    IReadOnlyList<long> Runs)
{
    public int Pages => Total == 0 ? 1 : (int)((Total + PageSize - 1) / PageSize);
}

/// <summary>A row an import that fed the records refused, and why.</summary>
public sealed record FeedingRejection(long RunId, string? FileName, string Source, int Line, string Column, string Reason, string? Department);

public sealed record FeedingRejections(long Total, IReadOnlyList<FeedingRejection> Listed);

/// <summary>
/// The drill-down from a metric's value to the records behind it: exactly the records its formula reads for a
/// department subtree and a period, placed and counted by the same rules (<see cref="PeriodPlacement"/>,
/// <see cref="OnTimeDelivery"/>…) inlined into the query as <see cref="MetricTotalsQuery"/> does, so the sums shown here
/// are the value's inputs. Paged, sorted and filtered in the database.
/// </summary>
public static class MetricRecords
{
    public const int MaxSearchLength = 100;

    /// <summary>The record kinds a metric is computed from, the first being the one shown by default.</summary>
    public static IReadOnlyList<RecordKind> KindsOf(string metric) => MetricCatalogue.Describe(metric).Sources;

    /// <summary>The sort keys <paramref name="kind"/> accepts besides <c>record_id</c> and <c>department</c>.</summary>
    public static IReadOnlyList<RecordColumn> ColumnsOf(string metric, RecordKind kind) => SpecOf(metric, kind).Columns;

    /// <param name="subtree">The department whose subtree the value is computed over (already checked against the caller's scope).</param>
    /// <param name="kind">One of <see cref="KindsOf"/>; null for the first.</param>
    public static async Task<RecordPage> RecordsAsync(this KpiDbContext db, StoredOrganisation org, string subtree, Period period, CompanyTimeZone zone,
        string metric, RecordKind? kind, RecordQuery query, CancellationToken ct = default)
    {
        var kinds = KindsOf(metric);
        var k = kind ?? kinds[0];
        if (!kinds.Contains(k)) throw new ArgumentException($"{metric} is not computed from {k.Name()} records.", nameof(kind));
        var bounds = new Bounds(period, zone);
        var ids = DepartmentIds(org, subtree, query.Department);
        var rejecting = await RejectingRunsAsync(db, org, subtree, ct);
        return await (SpecOf(metric, k) switch
        {
            Spec<ProductionRow> s => s.PageAsync(db.Production, bounds, ids, rejecting, org, query, kinds, ct),
            Spec<HoursRow> s => s.PageAsync(db.Hours, bounds, ids, rejecting, org, query, kinds, ct),
            Spec<DeliveryRow> s => s.PageAsync(db.Deliveries, bounds, ids, rejecting, org, query, kinds, ct),
            Spec<InspectionRow> s => s.PageAsync(db.Inspections, bounds, ids, rejecting, org, query, kinds, ct),
            Spec<TicketRow> s => s.PageAsync(db.Tickets, bounds, ids, rejecting, org, query, kinds, ct),
            Spec<SurveyRow> s => s.PageAsync(db.Surveys, bounds, ids, rejecting, org, query, kinds, ct),
            Spec<TrainingRow> s => s.PageAsync(db.Training, bounds, ids, rejecting, org, query, kinds, ct),
            Spec<BudgetRow> s => s.PageAsync(db.Budget, bounds, ids, rejecting, org, query, kinds, ct),
            Spec<SafetyRow> s => s.PageAsync(db.Safety, bounds, ids, rejecting, org, query, kinds, ct),
            Spec<StaffRow> s => s.PageAsync(db.Staff, bounds, ids, rejecting, org, query, kinds, ct),
            Spec<MeasurementRow> s => s.PageAsync(db.Measurements, bounds, ids, rejecting, org, query, kinds, ct),
            _ => throw new InvalidOperationException($"No drill-down for {k.Name()}."),
        });
    }

    /// <summary>
    /// The import runs that refused a row naming a department of the subtree: the only runs <see cref="RejectionsAsync"/>
    /// can show anything for. Rejections are few next to records; a company-month's 80,000 records are not, and their
    /// run ids are not in the covering index, so asking every matching record for its run read most of the table.
    /// </summary>
    private static async Task<List<long>> RejectingRunsAsync(KpiDbContext db, StoredOrganisation org, string subtree, CancellationToken ct)
    {
        var codes = org.Tree.Subtree(subtree).ToList();
        return await db.ImportRejections.AsNoTracking().Where(x => x.Department != null && codes.Contains(x.Department))
            .Select(x => x.RunId).Distinct().ToListAsync(ct);
    }

    /// <summary>
    /// Rows refused by the import runs that wrote the records, naming a department of the subtree (a row naming another
    /// department, or none readable, is not shown: it may be anyone's). The first <paramref name="limit"/>, by run and line.
    /// </summary>
    public static async Task<FeedingRejections> RejectionsAsync(this KpiDbContext db, StoredOrganisation org, string subtree,
        IReadOnlyCollection<long> runs, int limit, CancellationToken ct = default)
    {
        if (runs.Count == 0) return new FeedingRejections(0, []);
        var codes = org.Tree.Subtree(subtree).ToList();
        var ids = runs.ToList();
        var matching =
            from rejection in db.ImportRejections.AsNoTracking()
            join run in db.ImportRuns.AsNoTracking() on rejection.RunId equals run.Id
            where ids.Contains(rejection.RunId) && rejection.Department != null && codes.Contains(rejection.Department)
            select new { rejection, run };
        var total = await matching.LongCountAsync(ct);
        var listed = await matching.OrderBy(x => x.run.Id).ThenBy(x => x.rejection.Line).ThenBy(x => x.rejection.Id).Take(limit)
            .Select(x => new FeedingRejection(x.run.Id, x.run.FileName, x.run.Source, x.rejection.Line, x.rejection.Column, x.rejection.Reason,
                x.rejection.Department))
            .ToListAsync(ct);
        return new FeedingRejections(total, listed);
    }

    private static List<int> DepartmentIds(StoredOrganisation org, string subtree, string? department)
    {
        var codes = org.Tree.Subtree(subtree);
        if (department is null) return codes.Select(c => org.IdOf[c]).ToList();
        // A filter outside the subtree selects nothing rather than reaching past what was checked.
        return codes.Contains(department) ? org.Tree.Subtree(department).Select(c => org.IdOf[c]).ToList() : [];
    }

    private sealed record Bounds(Period Period, CompanyTimeZone Zone)
    {
        public DateOnly First => Period.FirstDay;
        public DateOnly Last => Period.LastDay;
        public DateTime Start => Zone.Bounds(Period).Start;
        public DateTime End => Zone.Bounds(Period).End;
    }

    private abstract class Spec
    {
        public abstract IReadOnlyList<RecordColumn> Columns { get; }
    }

    /// <summary>How one metric reads one kind: which rows, which columns, what it counts and adds up.</summary>
    private sealed class Spec<TRow> : Spec where TRow : RecordRow
    {
        public required RecordKind Kind { get; init; }
        public required Func<Bounds, Expression<Func<TRow, bool>>> Matching { get; init; }
        public required IReadOnlyList<(RecordColumn Column, Func<Bounds, LambdaExpression> Key)> Cells { get; init; }
        public required Func<Bounds, Expression<Func<TRow, object?[]>>> Values { get; init; }
        public Func<Bounds, Expression<Func<TRow, bool>>>? Counted { get; init; }
        public string? CountedColumn { get; init; }
        public required Func<IQueryable<TRow>, Bounds, CancellationToken, Task<Dictionary<string, decimal>>> Sums { get; init; }

        public override IReadOnlyList<RecordColumn> Columns => Cells.Select(c => c.Column).ToList();

        public async Task<RecordPage> PageAsync(IQueryable<TRow> table, Bounds bounds, List<int> ids, List<long> rejecting, StoredOrganisation org,
            RecordQuery query, IReadOnlyList<RecordKind> kinds, CancellationToken ct)
        {
            var rows = table.AsNoTracking().Where(r => ids.Contains(r.DepartmentId)).Where(Matching(bounds));
            if (!string.IsNullOrEmpty(query.Search))
            {
                var search = query.Search;
                rows = rows.Where(r => r.RecordId.Contains(search));
            }
            if (query.Counted is { } counted && Counted is not null)
            {
                var rule = Counted(bounds);
                rows = rows.Where(counted ? rule : Expression.Lambda<Func<TRow, bool>>(Expression.Not(rule.Body), rule.Parameters));
            }
            rows = rows.WithRulesInlined();

            var total = await rows.LongCountAsync(ct);
            var sums = total == 0 ? [] : await Sums(rows, bounds, ct);
            // Which of the runs that refused rows of the subtree wrote these records; none to ask about is the usual case.
            var runs = rejecting.Count == 0 ? []
                : await rows.Where(r => r.RunId != null && rejecting.Contains(r.RunId.Value)).Select(r => r.RunId!.Value).Distinct().OrderBy(r => r)
                    .Take(1000).ToListAsync(ct);

            var sort = Cells.FirstOrDefault(c => c.Column.Name == query.Sort);
            var sortName = sort.Column?.Name ?? query.Sort switch { "department" => "department", _ => "record_id" };
            IOrderedQueryable<TRow> ordered = sort.Column is not null ? Order(rows, sort.Key(bounds), query.Descending)
                : sortName == "department" ? (query.Descending ? rows.OrderByDescending(r => r.DepartmentId) : rows.OrderBy(r => r.DepartmentId))
                : query.Descending ? rows.OrderByDescending(r => r.RecordId) : rows.OrderBy(r => r.RecordId);
            ordered = sortName == "record_id" ? ordered : ordered.ThenBy(r => r.RecordId);

            var size = Math.Clamp(query.PageSize, 1, RecordQuery.MaxPageSize);
            var page = Math.Max(1, query.Page);
            var values = Values(bounds);
            var selector = Expression.Lambda<Func<TRow, Row>>(
                Expression.MemberInit(Expression.New(typeof(Row)),
                    Expression.Bind(typeof(Row).GetProperty(nameof(Row.RecordId))!, Expression.Property(values.Parameters[0], nameof(RecordRow.RecordId))),
                    Expression.Bind(typeof(Row).GetProperty(nameof(Row.DepartmentId))!, Expression.Property(values.Parameters[0], nameof(RecordRow.DepartmentId))),
                    Expression.Bind(typeof(Row).GetProperty(nameof(Row.RunId))!, Expression.Property(values.Parameters[0], nameof(RecordRow.RunId))),
                    Expression.Bind(typeof(Row).GetProperty(nameof(Row.Values))!, values.Body)),
                values.Parameters);
            var found = await ordered.Skip((page - 1) * size).Take(size).Select(selector).WithRulesInlined().ToListAsync(ct);
            var codeOf = org.IdOf.ToDictionary(p => p.Value, p => p.Key);
            var lines = found.Select(r => new RecordLine(r.RecordId, codeOf.GetValueOrDefault(r.DepartmentId) ?? "", r.RunId, r.Values)).ToList();
            return new RecordPage(Kind, kinds, Columns, CountedColumn, total, page, size, sortName, query.Descending, sums, lines, runs);
        }

        private static IOrderedQueryable<TRow> Order(IQueryable<TRow> rows, LambdaExpression key, bool descending) =>
            (IOrderedQueryable<TRow>)rows.Provider.CreateQuery<TRow>(Expression.Call(typeof(Queryable), descending ? "OrderByDescending" : "OrderBy",
                [typeof(TRow), key.ReturnType], rows.Expression, Expression.Quote(RuleInliner.Inline(key))));
    }

    private sealed class Row
    {
        public string RecordId { get; init; } = "";
        public int DepartmentId { get; init; }
        public long? RunId { get; init; }
        public object?[] Values { get; init; } = [];
    }

    private static RecordColumn Text(string name) => new(name, RecordColumnType.Text);
    private static RecordColumn Date(string name) => new(name, RecordColumnType.Date);
    private static RecordColumn Instant(string name) => new(name, RecordColumnType.Instant);
    private static RecordColumn Number(string name) => new(name, RecordColumnType.Number);
    private static RecordColumn Flag(string name) => new(name, RecordColumnType.Flag);

    private static Func<Bounds, LambdaExpression> Key<TRow, T>(Expression<Func<TRow, T>> key) => _ => key;

    /// <summary>SQLite cannot order by a decimal (stored as text): numbers are ordered as doubles, ties by record id.</summary>
    private static Func<Bounds, LambdaExpression> NumberKey<TRow>(Expression<Func<TRow, decimal>> key) =>
        _ => Expression.Lambda<Func<TRow, double>>(Expression.Convert(key.Body, typeof(double)), key.Parameters);

    private static Func<Bounds, LambdaExpression> NumberKey<TRow>(Expression<Func<TRow, decimal?>> key) =>
        _ => Expression.Lambda<Func<TRow, double?>>(Expression.Convert(key.Body, typeof(double?)), key.Parameters);

    private static Spec SpecOf(string metric, RecordKind kind) => (metric, kind) switch
    {
        (_, RecordKind.Production) => Production,
        (_, RecordKind.Hours) => Hours,
        (MetricCatalogue.OnTimeDelivery, _) => Deliveries,
        (MetricCatalogue.QualityPass, _) => Inspections,
        (MetricCatalogue.SafetyIncidents, _) => Safety,
        (MetricCatalogue.CustomerSatisfaction, _) => Surveys(customer: true),
        (MetricCatalogue.CollaborationSatisfaction, _) => Surveys(customer: false),
        (MetricCatalogue.TrainingCompletion, _) => Training,
        (MetricCatalogue.BudgetAttainment, _) => Budget,
        (MetricCatalogue.Callback48h, _) => Tickets(complaintsOnly: false),
        (MetricCatalogue.ComplaintResolution, _) => Tickets(complaintsOnly: true),
        (MetricCatalogue.TurnoverRate, _) => TurnoverSpec,
        (MetricCatalogue.QualificationRate, _) => QualificationSpec,
        _ => Measurements(metric),
    };

    private static readonly Spec<ProductionRow> Production = new()
    {
        Kind = RecordKind.Production,
        Matching = b => r => PeriodPlacement.Day.Holds(r.Date, b.First, b.Last),
        Cells = [(Date("date"), Key<ProductionRow, DateOnly>(r => r.Date)), (Number("planned_qty"), NumberKey<ProductionRow>(r => r.PlannedQty)),
            (Number("actual_qty"), NumberKey<ProductionRow>(r => r.ActualQty))],
        Values = _ => r => new object?[] { r.Date, r.PlannedQty, r.ActualQty },
        Sums = async (rows, _, ct) =>
        {
            var x = await rows.GroupBy(_ => 1).Select(g => new { Planned = g.Sum(r => r.PlannedQty), Actual = g.Sum(r => r.ActualQty) }).SingleAsync(ct);
            return new() { ["planned_qty"] = x.Planned, ["actual_qty"] = x.Actual };
        },
    };

    private static readonly Spec<HoursRow> Hours = new()
    {
        Kind = RecordKind.Hours,
        Matching = b => r => PeriodPlacement.Day.Holds(r.Date, b.First, b.Last),
        Cells = [(Date("date"), Key<HoursRow, DateOnly>(r => r.Date)), (Number("hours"), NumberKey<HoursRow>(r => r.Hours))],
        Values = _ => r => new object?[] { r.Date, r.Hours },
        Sums = async (rows, _, ct) => new() { ["hours"] = await rows.SumAsync(r => r.Hours, ct) },
    };

    private static readonly Spec<DeliveryRow> Deliveries = new()
    {
        Kind = RecordKind.Deliveries,
        Matching = b => r => PeriodPlacement.Day.Holds(r.PromisedDate, b.First, b.Last),
        Cells = [(Text("order_no"), Key<DeliveryRow, string>(r => r.OrderNo)), (Date("promised_date"), Key<DeliveryRow, DateOnly>(r => r.PromisedDate)),
            (Date("delivered_date"), Key<DeliveryRow, DateOnly?>(r => r.DeliveredDate)),
            (Flag("on_time"), Key<DeliveryRow, bool>(r => OnTimeDelivery.IsOnTime.Holds(r.PromisedDate, r.DeliveredDate)))],
        Values = _ => r => new object?[] { r.OrderNo, r.PromisedDate, r.DeliveredDate, OnTimeDelivery.IsOnTime.Holds(r.PromisedDate, r.DeliveredDate) },
        Counted = _ => r => OnTimeDelivery.IsOnTime.Holds(r.PromisedDate, r.DeliveredDate),
        CountedColumn = "on_time",
        Sums = async (rows, _, ct) => new()
        {
            ["on_time"] = await rows.Where(r => OnTimeDelivery.IsOnTime.Holds(r.PromisedDate, r.DeliveredDate)).WithRulesInlined().LongCountAsync(ct),
        },
    };

    private static readonly Spec<InspectionRow> Inspections = new()
    {
        Kind = RecordKind.Inspections,
        Matching = b => r => PeriodPlacement.Day.Holds(r.Date, b.First, b.Last),
        Cells = [(Date("date"), Key<InspectionRow, DateOnly>(r => r.Date)), (Number("inspected_qty"), NumberKey<InspectionRow>(r => r.InspectedQty)),
            (Number("passed_qty"), NumberKey<InspectionRow>(r => r.PassedQty))],
        Values = _ => r => new object?[] { r.Date, r.InspectedQty, r.PassedQty },
        Sums = async (rows, _, ct) =>
        {
            var x = await rows.GroupBy(_ => 1).Select(g => new { Inspected = g.Sum(r => r.InspectedQty), Passed = g.Sum(r => r.PassedQty) }).SingleAsync(ct);
            return new() { ["inspected_qty"] = x.Inspected, ["passed_qty"] = x.Passed };
        },
    };

    private static readonly Spec<SafetyRow> Safety = new()
    {
        Kind = RecordKind.Safety,
        Matching = b => r => PeriodPlacement.Instant.Holds(r.OccurredAt, b.Start, b.End),
        Cells = [(Instant("occurred_at"), Key<SafetyRow, DateTime>(r => r.OccurredAt)), (Text("severity"), Key<SafetyRow, string>(r => r.Severity))],
        Values = _ => r => new object?[] { r.OccurredAt, r.Severity },
        Sums = (_, _, _) => Task.FromResult(new Dictionary<string, decimal>()),
    };

    private static Spec<SurveyRow> Surveys(bool customer)
    {
        var type = Names.Of(SurveyType.Customer);
        return new Spec<SurveyRow>
        {
            Kind = RecordKind.Surveys,
            // As the metric query splits them: customer surveys, and every other survey as collaboration.
            Matching = customer
                ? b => r => PeriodPlacement.Day.Holds(r.Date, b.First, b.Last) && r.Survey == type
                : b => r => PeriodPlacement.Day.Holds(r.Date, b.First, b.Last) && r.Survey != type,
            Cells = [(Date("date"), Key<SurveyRow, DateOnly>(r => r.Date)), (Text("survey"), Key<SurveyRow, string>(r => r.Survey)),
                (Number("score"), NumberKey<SurveyRow>(r => r.Score))],
            Values = _ => r => new object?[] { r.Date, r.Survey, r.Score },
            Sums = async (rows, _, ct) => new() { ["score"] = await rows.SumAsync(r => r.Score, ct) },
        };
    }

    private static readonly Spec<TrainingRow> Training = new()
    {
        Kind = RecordKind.Training,
        Matching = b => r => PeriodPlacement.Day.Holds(r.PlannedDate, b.First, b.Last),
        Cells = [(Text("employee_no"), Key<TrainingRow, string>(r => r.EmployeeNo)), (Text("course"), Key<TrainingRow, string>(r => r.Course)),
            (Date("planned_date"), Key<TrainingRow, DateOnly>(r => r.PlannedDate)), (Date("completed_date"), Key<TrainingRow, DateOnly?>(r => r.CompletedDate))],
        Values = _ => r => new object?[] { r.EmployeeNo, r.Course, r.PlannedDate, r.CompletedDate },
        Counted = b => r => TrainingCompletion.IsCompletedBy.Holds(r.CompletedDate, b.Last),
        CountedColumn = "completed_date",
        Sums = async (rows, b, ct) => new()
        {
            ["completed"] = await rows.Where(r => TrainingCompletion.IsCompletedBy.Holds(r.CompletedDate, b.Last)).WithRulesInlined().LongCountAsync(ct),
        },
    };

    private static readonly Spec<BudgetRow> Budget = new()
    {
        Kind = RecordKind.Budget,
        Matching = b => r => PeriodPlacement.Day.Holds(r.Month, b.First, b.Last),
        Cells = [(Date("month"), Key<BudgetRow, DateOnly>(r => r.Month)), (Number("budget_amount"), NumberKey<BudgetRow>(r => r.BudgetAmount)),
            (Number("actual_amount"), NumberKey<BudgetRow>(r => r.ActualAmount))],
        Values = _ => r => new object?[] { r.Month, r.BudgetAmount, r.ActualAmount },
        Sums = async (rows, _, ct) =>
        {
            var x = await rows.GroupBy(_ => 1).Select(g => new { Budget = g.Sum(r => r.BudgetAmount), Actual = g.Sum(r => r.ActualAmount) }).SingleAsync(ct);
            return new() { ["budget_amount"] = x.Budget, ["actual_amount"] = x.Actual };
        },
    };

    private static Spec<TicketRow> Tickets(bool complaintsOnly)
    {
        var complaint = Names.Of(TicketKind.Complaint);
        return new Spec<TicketRow>
        {
            Kind = RecordKind.Tickets,
            Matching = complaintsOnly
                ? b => r => PeriodPlacement.Instant.Holds(r.OpenedAt, b.Start, b.End) && r.Kind == complaint
                : b => r => PeriodPlacement.Instant.Holds(r.OpenedAt, b.Start, b.End),
            Cells = complaintsOnly
                ? [(Text("kind"), Key<TicketRow, string>(r => r.Kind)), (Instant("opened_at"), Key<TicketRow, DateTime>(r => r.OpenedAt)),
                    (Instant("resolved_at"), Key<TicketRow, DateTime?>(r => r.ResolvedAt)),
                    (Flag("resolved_in_period"), b => (Expression<Func<TicketRow, bool>>)(r => ComplaintResolution.IsResolvedBy.Holds(r.ResolvedAt, b.End)))]
                : [(Text("kind"), Key<TicketRow, string>(r => r.Kind)), (Instant("opened_at"), Key<TicketRow, DateTime>(r => r.OpenedAt)),
                    (Instant("callback_at"), Key<TicketRow, DateTime?>(r => r.CallbackAt)), (Flag("callback_in48h"), Key<TicketRow, bool>(r => r.CallbackIn48h))],
            Values = complaintsOnly
                ? b => r => new object?[] { r.Kind, r.OpenedAt, r.ResolvedAt, ComplaintResolution.IsResolvedBy.Holds(r.ResolvedAt, b.End) }
                : _ => r => new object?[] { r.Kind, r.OpenedAt, r.CallbackAt, r.CallbackIn48h },
            // callback_in48h is Callback48h.IsCalledBackInTime, decided by the import (see TicketRow.CallbackIn48h).
            Counted = complaintsOnly ? b => r => ComplaintResolution.IsResolvedBy.Holds(r.ResolvedAt, b.End) : _ => r => r.CallbackIn48h,
            CountedColumn = complaintsOnly ? "resolved_in_period" : "callback_in48h",
            Sums = complaintsOnly
                ? async (rows, b, ct) => new()
                {
                    ["resolved_in_period"] = await rows.Where(r => ComplaintResolution.IsResolvedBy.Holds(r.ResolvedAt, b.End)).WithRulesInlined().LongCountAsync(ct),
                }
                : async (rows, _, ct) => new() { ["callback_in48h"] = await rows.LongCountAsync(r => r.CallbackIn48h, ct) },
        };
    }

    private static readonly Spec<StaffRow> TurnoverSpec = new()
    {
        Kind = RecordKind.Staff,
        Matching = b => r => Headcount.DuringPeriod.Holds(r.HiredOn, r.LeftOn, b.First, b.Last),
        Cells = StaffCells(b => r => Headcount.LeftDuring.Holds(r.LeftOn, b.First, b.Last), "left_in_period"),
        Values = b => r => new object?[]
        {
            r.EmployeeNo, r.Name, r.Position, r.HiredOn, r.LeftOn, Headcount.OnDay.Holds(r.HiredOn, r.LeftOn, b.First),
            Headcount.OnDay.Holds(r.HiredOn, r.LeftOn, b.Last), Headcount.LeftDuring.Holds(r.LeftOn, b.First, b.Last),
        },
        Counted = b => r => Headcount.LeftDuring.Holds(r.LeftOn, b.First, b.Last),
        CountedColumn = "left_in_period",
        Sums = async (rows, b, ct) => new()
        {
            ["on_first_day"] = await rows.Where(r => Headcount.OnDay.Holds(r.HiredOn, r.LeftOn, b.First)).WithRulesInlined().LongCountAsync(ct),
            ["on_last_day"] = await rows.Where(r => Headcount.OnDay.Holds(r.HiredOn, r.LeftOn, b.Last)).WithRulesInlined().LongCountAsync(ct),
            ["left_in_period"] = await rows.Where(r => Headcount.LeftDuring.Holds(r.LeftOn, b.First, b.Last)).WithRulesInlined().LongCountAsync(ct),
        },
    };

    /// <summary>Qualification counts the staff in the headcount on the period's last day only.</summary>
    private static readonly Spec<StaffRow> QualificationSpec = new()
    {
        Kind = RecordKind.Staff,
        Matching = b => r => Headcount.OnDay.Holds(r.HiredOn, r.LeftOn, b.Last),
        Cells = StaffCells(b => r => Qualification.QualifiedOn.Holds(r.HiredOn, r.LeftOn, r.Qualified, b.Last),
            "qualified_on_last_day"),
        Values = b => r => new object?[]
        {
            r.EmployeeNo, r.Name, r.Position, r.HiredOn, r.LeftOn, Headcount.OnDay.Holds(r.HiredOn, r.LeftOn, b.First),
            Headcount.OnDay.Holds(r.HiredOn, r.LeftOn, b.Last), Qualification.QualifiedOn.Holds(r.HiredOn, r.LeftOn, r.Qualified, b.Last),
        },
        Counted = b => r => Qualification.QualifiedOn.Holds(r.HiredOn, r.LeftOn, r.Qualified, b.Last),
        CountedColumn = "qualified_on_last_day",
        Sums = async (rows, b, ct) => new()
        {
            ["qualified_on_last_day"] = await rows
                .Where(r => Qualification.QualifiedOn.Holds(r.HiredOn, r.LeftOn, r.Qualified, b.Last)).WithRulesInlined().LongCountAsync(ct),
        },
    };

    private static IReadOnlyList<(RecordColumn, Func<Bounds, LambdaExpression>)> StaffCells(Func<Bounds, Expression<Func<StaffRow, bool>>> counted, string name) =>
    [
        (Text("employee_no"), Key<StaffRow, string>(r => r.EmployeeNo)), (Text("name"), Key<StaffRow, string>(r => r.Name)),
        (Text("position"), Key<StaffRow, string>(r => r.Position)), (Date("hired_on"), Key<StaffRow, DateOnly>(r => r.HiredOn)),
        (Date("left_on"), Key<StaffRow, DateOnly?>(r => r.LeftOn)),
        (Flag("on_first_day"), b => (Expression<Func<StaffRow, bool>>)(r => Headcount.OnDay.Holds(r.HiredOn, r.LeftOn, b.First))),
        (Flag("on_last_day"), b => (Expression<Func<StaffRow, bool>>)(r => Headcount.OnDay.Holds(r.HiredOn, r.LeftOn, b.Last))),
        (Flag(name), counted),
    ];

    private static Spec<MeasurementRow> Measurements(string metric) => new()
    {
        Kind = RecordKind.Measurements,
        Matching = b => r => PeriodPlacement.Day.Holds(r.Date, b.First, b.Last) && r.Metric == metric,
        Cells = [(Date("date"), Key<MeasurementRow, DateOnly>(r => r.Date)), (Number("numerator"), NumberKey<MeasurementRow>(r => r.Numerator)),
            (Number("denominator"), NumberKey<MeasurementRow>(r => r.Denominator))],
        Values = _ => r => new object?[] { r.Date, r.Numerator, r.Denominator },
        Sums = async (rows, _, ct) =>
        {
            var x = await rows.GroupBy(_ => 1).Select(g => new { Numerator = g.Sum(r => r.Numerator), Denominator = g.Sum(r => r.Denominator ?? 0m) })
                .SingleAsync(ct);
            return new() { ["numerator"] = x.Numerator, ["denominator"] = x.Denominator };
        },
    };
}
