using Kpi.Domain.Metrics;
using Kpi.Domain.Organisation;
using Kpi.Domain.Periods;
using Kpi.Domain.Records;

namespace Kpi.Testing.Companies;

/// <summary>
/// A random org tree and random records of every kind, from a seed: the same seed always gives the same company
/// (<see cref="Random(int)"/> with a seed is a fixed algorithm). Dates run from December 2025 to January 2027 so that
/// 2026's months, quarters, YTDs and year all have records on both sides of their bounds; instants cluster at local
/// midnight and callbacks at exactly 48 h, where off-by-one mistakes live.
/// </summary>
public sealed class RandomCompany
{
    public static readonly string[] CustomMetrics = ["m_ratio", "m_sum", "m_mixed"];

    private static readonly DateOnly From = new(2025, 12, 1);
    private const int Days = 427; // to 2027-01-31

    private readonly Random _rng;
    private readonly int _maxPerKind;
    private readonly CompanyTimeZone _zone = CompanyTimeZone.Default;
    private int _id;

    /// <param name="seed">The company: the same seed, the same company.</param>
    /// <param name="maxPerKind">Records of each kind are drawn between 0 and this (exclusive).</param>
    public RandomCompany(int seed, int maxPerKind = 40)
    {
        _rng = new Random(seed);
        _maxPerKind = maxPerKind;
        Tree = RandomTree();
        Codes = Tree.All.Select(d => d.Code).Order(StringComparer.Ordinal).ToArray();
        Records = RandomRecords();
    }

    public OrgTree Tree { get; }
    public string[] Codes { get; }
    public RecordSet Records { get; }

    private OrgTree RandomTree()
    {
        var n = _rng.Next(1, 9);
        var departments = new List<Department> { new("D0", "部门0") };
        for (var k = 1; k < n; k++)
        {
            // Mostly a child of an earlier department (so no cycle), now and then another root.
            var parent = _rng.Next(8) == 0 ? null : $"D{_rng.Next(k)}";
            departments.Add(new Department($"D{k}", $"部门{k}", parent));
        }
        return new OrgTree(departments);
    }

    private RecordSet RandomRecords()
    {
        var set = new RecordSet();
        for (var i = Count(); i > 0; i--) set.Add(new ProductionRecord(Id(), Dept(), Day(), Amount(), Amount()));
        for (var i = Count(); i > 0; i--) set.Add(new HoursRecord(Id(), Dept(), Day(), Amount()));
        for (var i = Count(); i > 0; i--)
        {
            var promised = Day();
            set.Add(new DeliveryRecord(Id(), Dept(), "SO", promised, _rng.Next(4) == 0 ? null : promised.AddDays(_rng.Next(-5, 6))));
        }
        for (var i = Count(); i > 0; i--)
        {
            var inspected = Amount();
            set.Add(new InspectionRecord(Id(), Dept(), Day(), inspected, Math.Round(inspected * _rng.Next(0, 101) / 100m, 2)));
        }
        for (var i = Count(); i > 0; i--)
        {
            var opened = Instant();
            set.Add(new TicketRecord(Id(), Dept(), _rng.Next(2) == 0 ? TicketKind.Complaint : TicketKind.Inquiry, opened, Callback(opened), Resolution(opened)));
        }
        for (var i = Count(); i > 0; i--)
            set.Add(new SurveyRecord(Id(), Dept(), Day(), _rng.Next(2) == 0 ? SurveyType.Customer : SurveyType.Collaboration, _rng.Next(0, 1001) / 10m));
        for (var i = Count(); i > 0; i--)
        {
            var planned = Day();
            set.Add(new TrainingRecord(Id(), Dept(), "E", "C", planned, _rng.Next(4) == 0 ? null : planned.AddDays(_rng.Next(-20, 41))));
        }
        for (var i = Count(); i > 0; i--)
        {
            var d = Day();
            set.Add(new BudgetRecord(Id(), Dept(), new DateOnly(d.Year, d.Month, 1), _rng.Next(10) == 0 ? 0m : Amount(), Amount()));
        }
        for (var i = Count(); i > 0; i--) set.Add(new SafetyRecord(Id(), Dept(), Instant(), (Severity)_rng.Next(3)));
        for (var i = Count(); i > 0; i--)
        {
            var hired = From.AddDays(_rng.Next(-700, Days));
            DateOnly? left = _rng.Next(2) == 0 ? null : hired.AddDays(_rng.Next(0, 500));
            set.Add(new StaffRecord(Id(), Dept(), "E", "N", "P", hired, left, _rng.Next(3) != 0));
        }
        for (var i = Count(); i > 0; i--)
        {
            var metric = CustomMetrics[_rng.Next(CustomMetrics.Length)];
            decimal? denominator = metric switch
            {
                "m_ratio" => _rng.Next(10) == 0 ? 0m : Amount(),
                "m_sum" => null,
                _ => _rng.Next(2) == 0 ? null : Amount(),
            };
            set.Add(new MeasurementRecord(Id(), Dept(), metric, Day(), _rng.Next(-1000, 10001) / 10m, denominator));
        }
        return set;
    }

    private int Count() => _rng.Next(0, _maxPerKind);
    private string Id() => $"r{++_id}";
    private string Dept() => Codes[_rng.Next(Codes.Length)];
    private DateOnly Day() => From.AddDays(_rng.Next(Days));
    private decimal Amount() => _rng.Next(0, 100001) / 100m;

    /// <summary>A local day's first instant, the instant before it, or any second of the day.</summary>
    private DateTime Instant()
    {
        var start = _zone.StartOfDay(Day());
        return _rng.Next(3) switch
        {
            0 => start,
            1 => start.AddSeconds(-1),
            _ => start.AddSeconds(_rng.Next(86400)),
        };
    }

    private DateTime? Callback(DateTime opened) => _rng.Next(5) switch
    {
        0 => null,
        1 => opened.AddHours(48),
        2 => opened.AddHours(48).AddSeconds(1),
        _ => opened.AddSeconds(_rng.Next(0, 4 * 86400)),
    };

    private DateTime? Resolution(DateTime opened)
    {
        if (_rng.Next(4) == 0) return null;
        if (_rng.Next(4) == 0)
        {
            // Exactly at, or just before, the first instant of the month after the one it was opened in.
            var next = _zone.StartOfDay(_zone.MonthOf(opened).DayAfter);
            return _rng.Next(2) == 0 ? next : next.AddSeconds(-1);
        }
        return opened.AddSeconds(_rng.Next(0, 40 * 86400));
    }
}
