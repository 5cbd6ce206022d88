using Kpi.Domain.Scoring;

namespace Kpi.Domain.Tests.Scoring;

public class GradeScaleTests
{
    [Fact]
    public void Default_IsSABCD()
    {
        Assert.Equal(["S", "A", "B", "C", "D"], GradeScale.Default.Steps.Select(s => s.Grade).ToArray());
        Assert.Equal([105m, 95m, 85m, 70m, null], GradeScale.Default.Steps.Select(s => s.Min).ToArray());
    }

    [Theory]
    [InlineData("S", "C", "C")]
    [InlineData("B", "C", "C")]
    [InlineData("C", "C", "C")]
    [InlineData("D", "C", "D")] // a cap never raises a grade
    [InlineData("A", "D", "D")]
    public void Cap_GivesTheWorseOfTheTwo(string grade, string cap, string expected) => Assert.Equal(expected, GradeScale.Default.Cap(grade, cap));

    [Fact]
    public void Rank_UnknownGrade_Throws() => Assert.Equal("grade", Assert.Throws<DomainException>(() => GradeScale.Default.Rank("E")).Field);

    public static TheoryData<string, GradeStep[], string, string> Invalid => new()
    {
        { "no grades", [], "grades", "at least one grade" },
        { "the last grade with a minimum", [new("A", 90), new("B", 60)], "grades[1].min", "leave its min empty" },
        { "a grade but the last without a minimum", [new("A", 90), new("B", null), new("C", null)], "grades[1].min", "is required" },
        { "minimums not descending", [new("A", 90), new("B", 95), new("C", null)], "grades[1].min", "must be below the previous grade's 90" },
        { "equal minimums", [new("A", 90), new("B", 90), new("C", null)], "grades[1].min", "must be below" },
        { "a grade twice", [new("A", 90), new("A", 80), new("C", null)], "grades[1].grade", "appears twice" },
        { "an empty grade", [new("A", 90), new(" ", null)], "grades[1].grade", "must be 1–8 characters" },
        { "a grade too long", [new("Excellent", 90), new("C", null)], "grades[0].grade", "must be 1–8 characters" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void InvalidScale_NamesTheFieldAndWhy(string why, GradeStep[] steps, string field, string reason)
    {
        _ = why;
        Assert.Contains(GradeScale.Validate(steps), e => e.Field == field && e.Reason.Contains(reason));
        Assert.Throws<DomainException>(() => new GradeScale(steps));
    }

    [Fact]
    public void SingleGrade_TakesEveryTotal() => Assert.Equal("合格", new GradeScale([new("合格", null)]).For(-5m));
}
