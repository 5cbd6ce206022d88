using Kpi.Domain.Appraisal;
using static Kpi.Testing.Builders.Build;

namespace Kpi.Domain.Tests.Appraisal;

/// <summary>
/// Reminders around deadlines: self-assessment due 2027-01-10, review due 2027-01-20. From two days before a deadline
/// up to it, a "before" reminder; from two days after, an "after" one; nothing in between or for a step not pending.
/// </summary>
public class AppraisalRemindersTests
{
    private static readonly DateOnly SelfDue = Day("2027-01-10");
    private static readonly DateOnly ReviewDue = Day("2027-01-20");

    private static DueReminder? On(string today, AppraisalStatus status, string? appraiser = "E100") =>
        AppraisalReminders.Due(status, "E101", appraiser, SelfDue, ReviewDue, Day(today));

    [Theory]
    [InlineData("2027-01-07", null)]
    [InlineData("2027-01-08", ReminderTiming.Before)]
    [InlineData("2027-01-09", ReminderTiming.Before)]
    [InlineData("2027-01-10", ReminderTiming.Before)]
    [InlineData("2027-01-11", null)]
    [InlineData("2027-01-12", ReminderTiming.After)]
    [InlineData("2027-02-28", ReminderTiming.After)]
    public void SelfAssessment_IsRemindedToTheEmployee_TwoDaysBeforeAndAfterItsDeadline(string today, ReminderTiming? timing)
    {
        var due = On(today, AppraisalStatus.SelfAssessment);
        Assert.Equal(timing, due?.Timing);
        if (due is null) return;
        Assert.Equal(new DueReminder(ReminderStep.SelfAssessment, timing!.Value, SelfDue, "E101"), due);
    }

    [Fact]
    public void Review_IsRemindedToTheAppraiser_OrToHrWhereThereIsNone()
    {
        Assert.Equal(new DueReminder(ReminderStep.Review, ReminderTiming.Before, ReviewDue, "E100"), On("2027-01-18", AppraisalStatus.ManagerReview));
        Assert.Equal(new DueReminder(ReminderStep.Review, ReminderTiming.After, ReviewDue, null), On("2027-01-22", AppraisalStatus.ManagerReview, appraiser: null));
        Assert.Null(On("2027-01-21", AppraisalStatus.ManagerReview));
    }

    [Theory]
    [InlineData(AppraisalStatus.Draft)]
    [InlineData(AppraisalStatus.Calibration)]
    [InlineData(AppraisalStatus.Approved)]
    [InlineData(AppraisalStatus.Published)]
    public void NothingPending_OwesNothing(AppraisalStatus status) => Assert.Null(On("2027-01-25", status));

    [Fact]
    public void ATemplateWithoutSelfAssessment_HasNoSelfDeadline_AndOwesNoSelfReminder() =>
        Assert.Null(AppraisalReminders.Due(AppraisalStatus.SelfAssessment, "E101", "E100", null, ReviewDue, Day("2027-01-25")));
}
