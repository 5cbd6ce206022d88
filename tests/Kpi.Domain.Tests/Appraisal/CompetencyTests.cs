using Kpi.Domain.Appraisal;
using static Kpi.Domain.Tests.Appraisal.Forms;

namespace Kpi.Domain.Tests.Appraisal;

/// <summary>Competency: item score = rating / scale × 100; part = Σ(item score × weight) / Σ weight; self-ratings shown, never counted.</summary>
public class CompetencyTests
{
    private static AppraisalTemplate OnScale(int scale, params CompetencyItem[] items) =>
        With(TemplatePart.Competency(100, scale, items.Length == 0 ? [new CompetencyItem("a", "A", 1)] : items));

    [Theory]
    [InlineData(3, 1, 100.0 / 3)]
    [InlineData(3, 3, 100.0)]
    [InlineData(5, 1, 20.0)]
    [InlineData(5, 5, 100.0)]
    [InlineData(10, 1, 10.0)]
    [InlineData(10, 10, 100.0)]
    public void RatingAtEitherEndOfTheScale_ScoresRatingOverScaleTimes100(int scale, int rating, double _)
    {
        var result = Score(OnScale(scale), review: Review(ratings: Ratings(("a", rating))));

        var part = Assert.IsType<CompetencyPartResult>(result.Part(PartType.Competency));
        Assert.Equal(rating * 100m / scale, part.Score); // exact: 1 / 3 × 100 is 100m / 3, not 33.33
        Assert.Equal(scale, part.Scale);
        Assert.Equal(rating * 100m / scale, part.Items[0].Score);
    }

    [Fact]
    public void ItemsWeighted_PartIsTheWeightedMeanOfItemScores()
    {
        var result = Score(Contract(), review: Review(ratings: Ratings(("teamwork", 4), ("discipline", 5))));

        var part = Assert.IsType<CompetencyPartResult>(result.Part(PartType.Competency));
        Assert.Equal(88m, part.Score); // (4/5×100 × 60 + 5/5×100 × 40) / 100 = (80 × 60 + 100 × 40) / 100
        Assert.Equal("(80 × 60 + 100 × 40) / 100 = 88", part.Arithmetic);
        Assert.Equal("4 / 5 × 100 = 80", part.Items[0].Arithmetic);
        Assert.Equal("5 / 5 × 100 = 100", part.Items[1].Arithmetic);
    }

    [Fact]
    public void ItemWeightsOfAnySum_AreRelative()
    {
        var template = OnScale(10, new CompetencyItem("a", "A", 1), new CompetencyItem("b", "B", 3));

        var result = Score(template, review: Review(ratings: Ratings(("a", 2), ("b", 6))));

        Assert.Equal(50m, result.Part(PartType.Competency)!.Score); // (20 × 1 + 60 × 3) / 4
    }

    [Fact]
    public void SelfRatings_AreShownButNeverCounted()
    {
        var self = new Submission([], Ratings(("teamwork", 5), ("discipline", 5)), "I did well", Employee, T0);

        var result = Score(Contract(), review: Review(ratings: Ratings(("teamwork", 3), ("discipline", 3))), self: self);

        var part = Assert.IsType<CompetencyPartResult>(result.Part(PartType.Competency));
        Assert.Equal(60m, part.Score); // 3 / 5 × 100 for both items; the self-ratings of 5 change nothing
        Assert.Equal([5, 5], part.Items.Select(i => i.SelfRating!.Value));
        Assert.Equal([3, 3], part.Items.Select(i => i.Rating!.Value));
    }

    [Fact]
    public void SelfRatingsWithoutAReview_LeaveThePartWithoutData()
    {
        var self = new Submission([], Ratings(("teamwork", 5), ("discipline", 5)), null, Employee, T0);

        var result = Score(Contract(), self: self);

        Assert.Null(result.Part(PartType.Competency)!.Score);
        Assert.Equal("not rated yet: no data", result.Part(PartType.Competency)!.Arithmetic);
        Assert.Null(result.Final);
    }

    [Fact]
    public void SixPointScaleExactlyOnAThreshold_IsNotRoundedBelowIt()
    {
        // Ratings 1 (weight 1) and 5 (weight 4) on a 6-point scale: (100/6 × 1 + 500/6 × 4) / 5 = (2100 / 6) / 5 = 70,
        // exactly C's threshold. Averaging the item scores rounded to 28 digits (16.66…67, 83.33…33) gives
        // 69.999999999999999999999999998 and a D; the part is kept as the fraction 100 × 21 / (6 × 5).
        var template = OnScale(6, new CompetencyItem("a", "A", 1), new CompetencyItem("b", "B", 4));

        var result = Score(template, review: Review(ratings: Ratings(("a", 1), ("b", 5))));

        Assert.Equal(70m, result.Part(PartType.Competency)!.Score);
        Assert.Equal(70m, result.Final);
        Assert.Equal("C", result.Grade);
    }
}
