using System.Text.Json;
using System.Text.Json.Serialization;
using Kpi.Domain.Metrics;
using Kpi.Domain.Scoring;
using Kpi.Storage.Scorecards;

namespace Kpi.Storage.Close;

/// <summary>
/// A department's scorecard frozen at a close, with everything its pack shows for that version, in language-neutral form: the scorecard definition it was
/// scored with, the scored card (inputs, points, total, grade, veto) and the peer rank — the figures whose change
/// makes a new version — and the context frozen with them (13-month trends, quarter- and year-to-date, the score's
/// trend, rejected rows). Stored as JSON in <see cref="ScorecardVersion.Content"/>; names and wording are added per
/// language when a pack is rendered.
/// </summary>
public sealed record FrozenScorecard
{
    public required string CompanyName { get; init; }
    public required string DepartmentCode { get; init; }
    public required string DepartmentName { get; init; }

    /// <summary>The parent at the close, so that an executive summary of this revision ranks the same departments however the tree changes later.</summary>
    public string? ParentCode { get; init; }

    public required ScorecardDocument Definition { get; init; }

    /// <summary>The names of the departments the card's scoped lines are computed over, as they were at the close.</summary>
    public IReadOnlyDictionary<string, string>? ScopeNames { get; init; }

    public required FrozenScore Scorecard { get; init; }
    public FrozenRank? Rank { get; init; }
    public required IReadOnlyList<FrozenSection> Sections { get; init; }

    /// <summary>The card's total for each of the 13 months ending with the period (the company trend in the summary).</summary>
    public required IReadOnlyList<FrozenPoint> ScoreTrend { get; init; }

    public required FrozenDataQuality DataQuality { get; init; }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    public static FrozenScorecard Deserialize(string json) =>
        JsonSerializer.Deserialize<FrozenScorecard>(json, Json) ?? throw new JsonException("A frozen scorecard cannot be null.");

    /// <summary>The definition the card was scored with (it was valid when frozen, so it still is).</summary>
    public ScorecardDefinition ScoredDefinition()
    {
        var (definition, errors) = Definition.ToDefinition();
        return definition ?? throw new InvalidOperationException($"Frozen scorecard of {DepartmentCode} is invalid: {errors[0].Field} {errors[0].Reason}");
    }
}

/// <summary>A scored card, as <see cref="ScorecardResult"/> holds it; line i belongs to line i of the definition.</summary>
public sealed record FrozenScore(decimal? Total, string? Grade, decimal Completeness, FrozenVeto? Veto, IReadOnlyList<FrozenLine> Lines)
{
    public static FrozenScore From(ScorecardResult r) => new(r.Total, r.Grade, r.Completeness,
        r.Veto is { } v ? new FrozenVeto(v.Metric, v.Facet, v.Actual, v.Threshold, v.CapGrade, v.UncappedGrade, v.Reason) : null,
        r.Lines.Select(l => new FrozenLine(l.Metric, l.Line.Scope,
            l.Value is { } m ? new FrozenValue(m.Value, m.Numerator, m.Denominator, m.Records, m.Facets) : null,
            l.Achievement, l.Points, l.EffectiveWeight, l.Weighted, l.Status, l.VetoTriggered, l.Arithmetic)).ToList());

    /// <summary>The frozen numbers as the domain's result again, exactly as scored — nothing is recomputed.</summary>
    public ScorecardResult ToResult(ScorecardDefinition definition)
    {
        if (definition.Lines.Count != Lines.Count)
            throw new InvalidOperationException($"The frozen card has {Lines.Count} lines, its definition {definition.Lines.Count}.");
        var lines = Lines.Select((l, i) => new LineResult(definition.Lines[i],
            l.Value is { } v ? new MetricValue(l.Metric, v.Value, v.Numerator, v.Denominator, v.Records, v.Facets) : null,
            l.Achievement, l.Points, l.EffectiveWeight, l.Weighted, l.Status, l.VetoTriggered, l.Arithmetic)).ToList();
        var veto = Veto is { } x ? new VetoOutcome(x.Metric, x.Facet, x.Actual, x.Threshold, x.CapGrade, x.UncappedGrade, x.Reason) : null;
        return new ScorecardResult(Total, Grade, Completeness, veto, lines);
    }
}

public sealed record FrozenLine(
    string Metric,
    string? Scope,
    FrozenValue? Value,
    decimal? Achievement,
    decimal? Points,
    decimal? EffectiveWeight,
    decimal? Weighted,
    RagStatus Status,
    bool VetoTriggered,
    string Arithmetic);

public sealed record FrozenValue(decimal? Value, decimal? Numerator, decimal? Denominator, long Records, IReadOnlyDictionary<string, decimal>? Facets);

public sealed record FrozenVeto(string Metric, string? Facet, decimal Actual, decimal Threshold, string CapGrade, string? UncappedGrade, string Reason);

/// <summary>
/// Place among the departments with the same parent that have a scorecard (ties share a place); none for a department
/// without a peer to be ranked against (the company root, an only child).
/// </summary>
public sealed record FrozenRank(int Position, int Of);

/// <summary>A KPI's section: its 13-month trend, this month, quarter- and year-to-date and the same month last year.</summary>
public sealed record FrozenSection(
    string Metric,
    string? Scope,
    IReadOnlyList<FrozenPoint> Trend,
    decimal? Month,
    decimal? QuarterToDate,
    decimal? YearToDate,
    decimal? SameMonthLastYear);

public sealed record FrozenPoint(string Period, decimal? Value);

/// <summary>Rows refused by imports that named the department's subtree: how many, and the first of them.</summary>
public sealed record FrozenDataQuality(long RejectedRows, IReadOnlyList<FrozenRejection> Listed)
{
    public static FrozenDataQuality None { get; } = new(0, []);
}

public sealed record FrozenRejection(string Source, long Line, string? Column, string Reason);
