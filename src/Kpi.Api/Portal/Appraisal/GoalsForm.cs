using System.Globalization;
using System.Text.RegularExpressions;
using Kpi.Domain;
using Kpi.Storage.Appraisal;
using Kpi.Storage.Scorecards;

namespace Kpi.Api.Portal.Appraisal;

/// <summary>One line of the goals form as typed: every field text, so a refused post shows what was written.</summary>
public sealed class GoalRow
{
    public string? Name { get; set; }
    public string? Target { get; set; }
    public string? Weight { get; set; }
    public string? Direction { get; set; }
    public string? Rule { get; set; }

    /// <summary>The rule's parameter: a linear rule's cap, a deduction's points per unit, a bands rule's <c>threshold:points; …</c>.</summary>
    public string? Parameter { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Target) && string.IsNullOrWhiteSpace(Weight)
                           && string.IsNullOrWhiteSpace(Parameter);

    public static GoalRow From(GoalDocument g) => new()
    {
        Name = g.Name, Target = GoalText.Number(g.Target), Weight = GoalText.Number(g.Weight), Direction = g.Direction, Rule = g.Rule?.Type,
        Parameter = g.Rule?.Type switch
        {
            "linear" => GoalText.Number(g.Rule.Cap),
            "deduction" => GoalText.Number(g.Rule.PerUnit),
            "bands" => GoalText.Bands(g.Rule),
            _ => null,
        },
    };
}

/// <summary>
/// The goals form (<c>goals[i].name</c>, <c>.target</c>, <c>.weight</c>, <c>.direction</c>, <c>.rule</c>,
/// <c>.parameter</c>; blank lines are ignored) as the <see cref="GoalDocument"/>s <c>PUT /api/appraisals/{id}/goals</c>
/// takes. Only text that is not a number is refused here; the goals' rules (weights summing to 100, a rule's own
/// bounds) are the workflow's. The workflow names a goal by its place among the goals sent, the page by its line:
/// <see cref="LineField"/> maps one to the other.
/// </summary>
public sealed class GoalsForm
{
    /// <summary>Empty lines offered below the goals, for adding some without JavaScript.</summary>
    public const int SpareRows = 3;

    public List<GoalRow> Goals { get; set; } = [];

    private List<int> _lines = [];

    public (List<GoalDocument?>? Documents, IReadOnlyList<FieldError> Errors) ToDocuments()
    {
        var errors = new List<FieldError>();
        var documents = new List<GoalDocument?>();
        _lines = [];
        for (var line = 0; line < Goals.Count; line++)
        {
            var row = Goals[line];
            if (row.IsBlank) continue;
            var at = $"goals[{line}]";
            var rule = new ScorecardDocument.RuleDocument { Type = string.IsNullOrWhiteSpace(row.Rule) ? "linear" : row.Rule.Trim() };
            var parameter = row.Parameter?.Trim();
            if (!string.IsNullOrEmpty(parameter))
            {
                switch (rule.Type)
                {
                    case "linear": rule.Cap = Number(parameter, $"{at}.rule.cap", errors); break;
                    case "deduction": rule.PerUnit = Number(parameter, $"{at}.rule.per_unit", errors); break;
                    case "bands": rule.Bands = Bands(parameter, $"{at}.rule.bands", errors); break;
                }
            }
            _lines.Add(line);
            documents.Add(new GoalDocument
            {
                Name = row.Name?.Trim(),
                Target = string.IsNullOrWhiteSpace(row.Target) ? null : Number(row.Target.Trim(), $"{at}.target", errors),
                Weight = string.IsNullOrWhiteSpace(row.Weight) ? null : Number(row.Weight.Trim(), $"{at}.weight", errors),
                Direction = string.IsNullOrWhiteSpace(row.Direction) ? null : row.Direction.Trim(),
                Rule = rule,
            });
        }
        return errors.Count > 0 ? (null, errors) : (documents, []);
    }

    /// <summary>The workflow's <c>goals[k]…</c> (the k-th goal sent) as the form's line; other fields unchanged.</summary>
    public string LineField(string field)
    {
        var m = Regex.Match(field, @"^goals\[(\d+)\](.*)$");
        if (!m.Success) return field;
        var k = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return k < _lines.Count ? $"goals[{_lines[k]}]{m.Groups[2].Value}" : field;
    }

    private static decimal? Number(string text, string field, List<FieldError> errors)
    {
        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)) return value;
        errors.Add(new(field, $"'{text}' is not a number (write 12.5)"));
        return null;
    }

    private static List<ScorecardDocument.BandDocument>? Bands(string text, string field, List<FieldError> errors)
    {
        var bands = new List<ScorecardDocument.BandDocument>();
        foreach (var pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split(':', StringSplitOptions.TrimEntries);
            if (parts.Length != 2
                || !decimal.TryParse(parts[0], NumberStyles.Number, CultureInfo.InvariantCulture, out var threshold)
                || !decimal.TryParse(parts[1], NumberStyles.Number, CultureInfo.InvariantCulture, out var points))
            {
                errors.Add(new(field, $"'{pair}' is not threshold:points (write 100:100; 90:80)"));
                return null;
            }
            bands.Add(new() { Threshold = threshold, Points = points });
        }
        return bands;
    }
}
