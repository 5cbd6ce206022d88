namespace Kpi.Domain.Scoring;

/// <summary>A grade and the lowest total that earns it; the last step of a scale has no minimum and takes the rest.</summary>
public sealed record GradeStep(string Grade, decimal? Min);

/// <summary>
/// Grades from best to worst by minimum total. Default: S ≥ 105, A ≥ 95, B ≥ 85, C ≥ 70, D below.
/// </summary>
public sealed class GradeScale : IEquatable<GradeScale>
{
    public GradeScale(IReadOnlyList<GradeStep> steps)
    {
        var errors = Validate(steps);
        if (errors.Count > 0) throw new DomainException(errors[0].Reason, errors[0].Field);
        Steps = steps;
    }

    public IReadOnlyList<GradeStep> Steps { get; }

    public static GradeScale Default { get; } = new([new("S", 105), new("A", 95), new("B", 85), new("C", 70), new("D", null)]);

    public bool Equals(GradeScale? other) => other is not null && Steps.SequenceEqual(other.Steps);
    public override bool Equals(object? obj) => Equals(obj as GradeScale);
    public override int GetHashCode() => Steps.Aggregate(0, HashCode.Combine);

    public string For(decimal total) => Steps.First(s => s.Min is null || total >= s.Min).Grade;

    public bool Contains(string grade) => Steps.Any(s => s.Grade == grade);

    /// <summary>Position from the best (0) down.</summary>
    public int Rank(string grade)
    {
        for (var i = 0; i < Steps.Count; i++)
        {
            if (Steps[i].Grade == grade) return i;
        }
        throw new DomainException($"Grade '{grade}' is not on the scale {string.Join(", ", Steps.Select(s => s.Grade))}.", "grade");
    }

    /// <summary>The worse of <paramref name="grade"/> and <paramref name="cap"/>.</summary>
    public string Cap(string grade, string cap) => Rank(grade) < Rank(cap) ? cap : grade;

    public static IReadOnlyList<FieldError> Validate(IReadOnlyList<GradeStep> steps)
    {
        var errors = new List<FieldError>();
        if (steps.Count == 0) { errors.Add(new("grades", "needs at least one grade")); return errors; }
        for (var i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            if (string.IsNullOrWhiteSpace(s.Grade) || s.Grade.Length > 8) errors.Add(new($"grades[{i}].grade", "must be 1–8 characters"));
            if (steps.Take(i).Any(p => p.Grade == s.Grade)) errors.Add(new($"grades[{i}].grade", $"'{s.Grade}' appears twice"));
            var last = i == steps.Count - 1;
            if (last && s.Min is not null) errors.Add(new($"grades[{i}].min", "the last grade takes every lower total: leave its min empty"));
            if (!last && s.Min is null) errors.Add(new($"grades[{i}].min", "is required for every grade but the last"));
            if (i > 0 && s.Min is { } m && steps[i - 1].Min is { } prev && m >= prev)
                errors.Add(new($"grades[{i}].min", $"must be below the previous grade's {prev}"));
        }
        return errors;
    }
}
