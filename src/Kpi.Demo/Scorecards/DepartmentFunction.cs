namespace Kpi.Demo.Scorecards;

/// <summary>The kinds of department the charters describe; each has a default scorecard.</summary>
public enum DepartmentFunction
{
    /// <summary>生产部 and its workshops</summary>
    Production,
    /// <summary>质量部</summary>
    Quality,
    /// <summary>客户服务中心</summary>
    CustomerService,
    /// <summary>业务部 (sales / business)</summary>
    Sales,
    /// <summary>行政人力资源部</summary>
    HumanResources,
    /// <summary>综合财务部</summary>
    Finance,
}
