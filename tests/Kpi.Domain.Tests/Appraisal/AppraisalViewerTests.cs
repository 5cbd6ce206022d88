using Kpi.Domain.Access;
using Kpi.Domain.Appraisal;
using static Kpi.Domain.Tests.Appraisal.Forms;

namespace Kpi.Domain.Tests.Appraisal;

/// <summary>
/// Who sees an appraisal and its results: E101 of PROD, appraised by E100 (head of PROD). HR sees everything; the
/// employee sees their own (results once published); the appraiser theirs; a manager of PROD (or above) PROD's; a
/// peer, a manager of QA and a user linked to no employee see nothing.
/// </summary>
public class AppraisalViewerTests
{
    private static AppraisalViewer Viewer(string? employeeNo, bool hr = false, AccessScope? scope = null) =>
        new("someone", employeeNo, hr, scope ?? AccessScope.Nothing);

    private static bool SeesE101(AppraisalViewer v) => v.CanSee(Company(), "E101", "PROD", "E100");

    [Fact]
    public void Hr_SeesEveryAppraisal() => Assert.True(SeesE101(Viewer(null, hr: true)));

    [Fact]
    public void TheEmployee_SeesTheirOwn() => Assert.True(SeesE101(Viewer("E101")));

    [Fact]
    public void TheAppraiser_SeesThoseTheyAppraise() => Assert.True(SeesE101(Viewer("E100")));

    [Fact]
    public void AManagerOfTheDepartmentOrAbove_SeesIt()
    {
        Assert.True(SeesE101(Viewer("X1", scope: AccessScope.Subtrees(["PROD"]))));
        Assert.True(SeesE101(Viewer("X1", scope: AccessScope.Subtrees(["HQ"]))));
    }

    [Fact]
    public void AnExecutiveWithTheCompanyScope_SeesEveryAppraisal() => Assert.True(Viewer("E001", scope: AccessScope.Company).SeesEveryAppraisal);

    [Fact]
    public void APeer_AManagerElsewhere_OrAUserWithoutEmployee_SeeNothing()
    {
        Assert.False(SeesE101(Viewer("E102")));
        Assert.False(SeesE101(Viewer("E300", scope: AccessScope.Subtrees(["QA"]))));
        Assert.False(SeesE101(Viewer(null)));
        Assert.False(SeesE101(Viewer("E110", scope: AccessScope.Subtrees(["WS1"]))));
    }

    [Theory]
    [InlineData(AppraisalStatus.SelfAssessment, false)]
    [InlineData(AppraisalStatus.ManagerReview, false)]
    [InlineData(AppraisalStatus.Calibration, false)]
    [InlineData(AppraisalStatus.Approved, false)]
    [InlineData(AppraisalStatus.Published, true)]
    public void TheEmployee_SeesTheirResultOnlyOncePublished(AppraisalStatus status, bool sees) =>
        Assert.Equal(sees, Viewer("E101").SeesResult("E101", status));

    [Fact]
    public void OthersWhoMaySee_SeeTheResultAtOnce_EvenHrOnlyNotTheirOwn()
    {
        Assert.True(Viewer("E100").SeesResult("E101", AppraisalStatus.Calibration));
        Assert.True(Viewer(null, hr: true).SeesResult("E101", AppraisalStatus.Calibration));
        Assert.False(Viewer("H9", hr: true).SeesResult("H9", AppraisalStatus.Approved));
    }

    [Fact]
    public void DepartmentsInScope_AreTheSubtrees()
    {
        Assert.Equal(["PROD", "WS1", "WS2"], Viewer("E100", scope: AccessScope.Subtrees(["PROD"])).DepartmentsInScope(Company()));
        Assert.Equal(6, Viewer(null, hr: true, scope: AccessScope.Company).DepartmentsInScope(Company()).Count);
        Assert.Empty(Viewer("E101").DepartmentsInScope(Company()));
    }
}
