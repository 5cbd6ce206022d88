using System.Collections.Concurrent;
using Kpi.Domain.Metrics;
using Kpi.Domain.Periods;
using Kpi.Domain.Scoring;
using Kpi.Demo.Company;
using Kpi.Demo.Scorecards;
using Kpi.Demo.Sources;

namespace Kpi.Testing.Demo;

/// <summary>
/// Scores the demo company's cards the way the service will: metric values from the domain's
/// <see cref="ReferenceEvaluator"/> over each line's scope (the card's department unless the line names another),
/// then <see cref="Scorer"/>. Results are cached because several tests read the same department-months.
/// </summary>
public sealed class DemoScores
{
    private readonly DemoData _data;
    private readonly ReferenceEvaluator _evaluator;
    private readonly ConcurrentDictionary<string, RecordSet> _subtrees = new();
    private readonly ConcurrentDictionary<(string, Period), IReadOnlyDictionary<string, MetricValue>> _values = new();
    private readonly ConcurrentDictionary<(string, Period), ScorecardResult> _results = new();

    public DemoScores(DemoData data)
    {
        _data = data;
        _evaluator = new ReferenceEvaluator(data.Tree, data.TimeZone);
    }

    public ScorecardResult Score(string department, Period month) =>
        _results.GetOrAdd((department, month), key =>
            Scorer.Score(_data.Department(key.Item1).Scorecard, line => Value(line.Scope ?? key.Item1, line.Metric, key.Item2)));

    public MetricValue? Value(string department, string metric, Period period) =>
        _values.GetOrAdd((department, period), key =>
                _evaluator.Evaluate(Subtree(key.Item1), key.Item1, key.Item2).ToDictionary(v => v.Metric, StringComparer.Ordinal))
            .GetValueOrDefault(metric);

    /// <summary>
    /// The records of a department's subtree only. The evaluator filters them again; narrowing first merely saves
    /// it from walking the whole company's records for every department and month.
    /// </summary>
    private RecordSet Subtree(string department) =>
        _subtrees.GetOrAdd(department, code =>
        {
            var mine = _data.Tree.Subtree(code).ToHashSet(StringComparer.Ordinal);
            var set = new RecordSet();
            set.AddRange(_data.Records.All.Where(r => mine.Contains(r.Department)));
            return set;
        });
}
