using System.Globalization;
using Kpi.Domain;
using Kpi.Jobs.Appraisal;

namespace Kpi.Api.Portal.Appraisal;

/// <summary>
/// A self-assessment or review as the browser posts it — <c>actuals[i]</c> per goal, <c>ratings[code]</c> per competency
/// item, <c>comment</c> — kept as typed so a refused post shows the person what they wrote. <see cref="ToInput"/> turns it
/// into the workflow's <see cref="SubmissionInput"/>; only what has no meaning as input (a word where a number goes) is
/// refused here, named as the API names the field. Everything else — how many actuals, which items, the scale — is the
/// workflow's to check.
/// </summary>
public sealed class SubmissionForm
{
    public List<string?> Actuals { get; set; } = [];
    public Dictionary<string, string?> Ratings { get; set; } = new(StringComparer.Ordinal);
    public string? Comment { get; set; }

    public string? Actual(int i) => i < Actuals.Count ? Actuals[i] : null;

    public string? Rating(string code) => Ratings.GetValueOrDefault(code);

    /// <param name="goals">How many goals the appraisal has: blank actuals are allowed only all together (none given).</param>
    public (SubmissionInput? Input, IReadOnlyList<FieldError> Errors) ToInput(int goals)
    {
        var errors = new List<FieldError>();
        var actuals = new List<decimal>();
        var given = Enumerable.Range(0, goals).Count(i => !string.IsNullOrWhiteSpace(Actual(i)));
        for (var i = 0; i < goals; i++)
        {
            var text = Actual(i)?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                if (given > 0) errors.Add(new($"goal_actuals[{i}]", "is required: give an actual for every goal"));
                continue;
            }
            if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)) actuals.Add(value);
            else errors.Add(new($"goal_actuals[{i}]", $"'{text}' is not a number (write 12.5)"));
        }

        var ratings = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (code, raw) in Ratings.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var text = raw?.Trim();
            if (string.IsNullOrEmpty(text)) continue;
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var rating)) ratings[code] = rating;
            else errors.Add(new($"ratings.{code}", $"'{text}' is not a whole number"));
        }
        return errors.Count > 0 ? (null, errors) : (new SubmissionInput(actuals, ratings, Comment), []);
    }
}
