using Kpi.Domain.Organisation;

namespace Kpi.Domain.Tests.Organisation;

public class OrgTreeTests
{
    //           CO
    //    ┌──────┼──────┐
    //   PROD    QA     CS
    //  ┌──┴──┐
    //  W1    W2
    //  │
    //  W1.A
    private static OrgTree Company() => new(
    [
        new Department("W2", "二车间", "PROD"),
        new Department("CO", "公司"),
        new Department("QA", "质量部", "CO"),
        new Department("W1.A", "一车间甲班", "W1"),
        new Department("PROD", "生产部", "CO"),
        new Department("W1", "一车间", "PROD"),
        new Department("CS", "客户服务中心", "CO"),
    ]);

    [Theory]
    [InlineData("CO", "CO,CS,PROD,W1,W1.A,W2,QA")]
    [InlineData("PROD", "PROD,W1,W1.A,W2")]
    [InlineData("W1", "W1,W1.A")]
    [InlineData("W1.A", "W1.A")]
    [InlineData("QA", "QA")]
    public void Subtree_IsTheDepartmentFirstThenItsDescendantsDepthFirst(string code, string expected) =>
        Assert.Equal(expected, string.Join(",", Company().Subtree(code)));

    [Theory]
    [InlineData("W1.A", "W1,PROD,CO")]
    [InlineData("W2", "PROD,CO")]
    [InlineData("QA", "CO")]
    [InlineData("CO", "")]
    public void Ancestors_AreNearestFirstUpToTheRoot(string code, string expected) =>
        Assert.Equal(expected, string.Join(",", Company().Ancestors(code)));

    [Theory]
    [InlineData("W1", "W1,W2")]
    [InlineData("QA", "CS,PROD,QA")]
    [InlineData("W1.A", "W1.A")]
    [InlineData("CO", "CO")]
    public void Peers_AreTheDepartmentsWithTheSameParentItselfIncluded(string code, string expected) =>
        Assert.Equal(expected, string.Join(",", Company().Peers(code).Select(d => d.Code)));

    [Fact]
    public void Peers_OfARootInAForest_AreTheOtherRoots()
    {
        var forest = new OrgTree([new Department("B", "乙公司"), new Department("A", "甲公司"), new Department("A1", "甲一", "A")]);

        Assert.Equal("A,B", string.Join(",", forest.Peers("B").Select(d => d.Code)));
        Assert.Equal("A,B", string.Join(",", forest.Roots.Select(d => d.Code)));
    }

    [Theory]
    [InlineData("W1.A", "PROD", true)]
    [InlineData("W1.A", "CO", true)]
    [InlineData("PROD", "PROD", true)]
    [InlineData("PROD", "W1", false)]
    [InlineData("QA", "PROD", false)]
    [InlineData("NOPE", "CO", false)]
    public void IsInSubtree_FollowsTheParentChain(string code, string ancestor, bool expected) =>
        Assert.Equal(expected, Company().IsInSubtree(code, ancestor));

    [Theory]
    [InlineData("CO", 0)]
    [InlineData("PROD", 1)]
    [InlineData("W1.A", 3)]
    public void Depth_CountsTheAncestors(string code, int depth) => Assert.Equal(depth, Company().Depth(code));

    [Fact]
    public void Children_AreInCodeOrder() =>
        Assert.Equal("CS,PROD,QA", string.Join(",", Company().Children("CO").Select(d => d.Code)));

    [Fact]
    public void Subtree_OfAnUnknownDepartment_Throws()
    {
        Assert.Throws<KeyNotFoundException>(() => Company().Subtree("NOPE"));
        Assert.Throws<KeyNotFoundException>(() => Company().Ancestors("NOPE"));
        Assert.Null(Company().Find("NOPE"));
    }

    [Fact]
    public void Codes_AreCaseSensitive()
    {
        var tree = new OrgTree([new Department("qa", "小写"), new Department("QA", "大写")]);

        Assert.Equal(2, tree.All.Count);
        Assert.Equal("小写", tree.Get("qa").Name);
    }

    [Fact]
    public void Build_DuplicateCode_ThrowsNamingTheCode()
    {
        var e = Assert.Throws<DomainException>(() => new OrgTree([new Department("CO", "公司"), new Department("CO", "又一个公司")]));

        Assert.Equal("code", e.Field);
        Assert.Contains("'CO'", e.Message);
    }

    [Fact]
    public void Build_UnknownParent_ThrowsNamingTheDepartmentAndTheParent()
    {
        var e = Assert.Throws<DomainException>(() => new OrgTree([new Department("CO", "公司"), new Department("W1", "一车间", "PROD")]));

        Assert.Equal("parent_code", e.Field);
        Assert.Contains("'W1'", e.Message);
        Assert.Contains("'PROD'", e.Message);
    }

    [Fact]
    public void Build_TwoDepartmentCycle_Throws()
    {
        var e = Assert.Throws<DomainException>(() => new OrgTree([new Department("A", "甲", "B"), new Department("B", "乙", "A")]));

        Assert.Equal("parent_code", e.Field);
        Assert.Contains("cycle", e.Message);
    }

    [Fact]
    public void Build_CycleBelowARoot_Throws()
    {
        // CO is a proper root; X → Y → Z → X hangs beside it with no way up.
        Assert.Throws<DomainException>(() => new OrgTree(
        [
            new Department("CO", "公司"), new Department("X", "X", "Z"), new Department("Y", "Y", "X"), new Department("Z", "Z", "Y"),
        ]));
    }

    [Fact]
    public void Department_ItsOwnParent_IsRefused() =>
        Assert.Equal("parent_code", Assert.Throws<DomainException>(() => new Department("A", "甲", "A")).Field);

    [Theory]
    [InlineData("")]
    [InlineData("生产部")]
    [InlineData("has space")]
    [InlineData("A/B")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456")] // 33 characters
    public void Department_InvalidCode_IsRefused(string code) =>
        Assert.Equal("code", Assert.Throws<DomainException>(() => new Department(code, "名称")).Field);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Department_EmptyName_IsRefused(string name) =>
        Assert.Equal("name", Assert.Throws<DomainException>(() => new Department("A", name)).Field);

    [Fact]
    public void Department_ChineseName_IsKeptTrimmed() => Assert.Equal("综合财务部", new Department("FIN", " 综合财务部 ").Name);
}
