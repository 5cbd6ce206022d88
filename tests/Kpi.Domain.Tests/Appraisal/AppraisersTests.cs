using Kpi.Domain.Appraisal;
using static Kpi.Domain.Tests.Appraisal.Forms;
using static Kpi.Testing.Builders.Build;

namespace Kpi.Domain.Tests.Appraisal;

/// <summary>
/// An employee's appraiser is the head of their department; a head's is the head of the parent department; a
/// department without a head passes it up to the nearest ancestor with one; where there is none, HR acts (null).
/// Company: HQ (E001) → PROD (E100) → WS1 (no head), WS2 (E200); QA (E300); HRD (H9).
/// </summary>
public class AppraisersTests
{
    private static string? AppraiserOf(string employeeNo, string department) => Appraisers.For(Company(), HeadOf, employeeNo, department);

    [Fact]
    public void Employee_IsAppraisedByTheirDepartmentsHead() => Assert.Equal("E100", AppraiserOf("E101", "PROD"));

    [Fact]
    public void Head_IsAppraisedByTheParentDepartmentsHead()
    {
        Assert.Equal("E001", AppraiserOf("E100", "PROD"));
        Assert.Equal("E100", AppraiserOf("E200", "WS2"));
    }

    [Fact]
    public void DepartmentWithoutAHead_PassesUpToTheNearestAncestorWithOne() => Assert.Equal("E100", AppraiserOf("E110", "WS1"));

    [Fact]
    public void HeadOfTheRoot_HasNoAppraiser_HrActs() => Assert.Null(AppraiserOf("E001", "HQ"));

    [Fact]
    public void NoHeadAnywhereUp_HrActs()
    {
        Assert.Null(Appraisers.For(Company(), _ => null, "E101", "PROD"));
        Assert.Null(Appraisers.For(Company(), _ => "  ", "E101", "PROD")); // blank is no head
    }

    [Fact]
    public void HeadOfTwoLevels_IsNotTheirOwnAppraiser()
    {
        // E100 heads PROD and WS2: their appraiser is HQ's head, never themselves.
        var heads = new Dictionary<string, string> { ["HQ"] = "E001", ["PROD"] = "E100", ["WS2"] = "E100" };

        Assert.Equal("E001", Appraisers.For(Company(), heads.GetValueOrDefault, "E100", "WS2"));
        Assert.True(Appraisers.IsHead(heads.GetValueOrDefault, "E100", "WS2"));
        Assert.False(Appraisers.IsHead(heads.GetValueOrDefault, "E101", "WS2"));
    }
}

/// <summary>One appraisal per employee in headcount on the period's last day in the chosen departments' subtrees.</summary>
public class CycleMembershipTests
{
    [Fact]
    public void Members_AreTheHeadcountOnTheLastDayInTheSubtrees()
    {
        List<Kpi.Domain.Records.StaffRecord> staff =
        [
            Person("A1", "PROD"),
            Person("A2", "WS1"),                                   // a descendant of PROD
            Person("A3", "QA"),                                    // outside the subtree
            Person("A4", "WS2", hired: "2027-01-01"),              // hired after the period
            Person("A5", "WS2", left: "2026-12-31"),               // left on the last day: still in headcount that day
            Person("A6", "WS2", left: "2026-12-30"),               // left the day before
            Person("A7", "WS2", hired: "2026-12-31"),              // hired on the last day
        ];

        var members = CycleMembership.Members(Company(), ["PROD"], P("2026-Q4"), staff);

        Assert.Equal(["A1", "A2", "A5", "A7"], members.Select(m => m.EmployeeNo));
    }

    [Fact]
    public void OverlappingDepartments_CountEachEmployeeOnce()
    {
        var members = CycleMembership.Members(Company(), ["PROD", "WS1", "HQ"], P("2026-12"), CompanyStaff());

        Assert.Equal(CompanyStaff().Select(s => s.EmployeeNo).Order(StringComparer.Ordinal), members.Select(m => m.EmployeeNo));
    }

    [Fact]
    public void TwoRecordsInHeadcount_TheOneHiredLastDecidesTheDepartment()
    {
        // Transferred from QA to WS1 in December and recorded as a new staff record, the old one not yet closed.
        List<Kpi.Domain.Records.StaffRecord> staff = [Person("A1", "QA", hired: "2020-01-01"), Person("A1", "WS1", hired: "2026-12-01")];

        Assert.Equal("WS1", Assert.Single(CycleMembership.Members(Company(), ["HQ"], P("2026-Q4"), staff)).Department);
        Assert.Empty(CycleMembership.Members(Company(), ["QA"], P("2026-Q4"), staff));
    }
}
