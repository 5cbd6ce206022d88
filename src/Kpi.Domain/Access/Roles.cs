namespace Kpi.Domain.Access;

/// <summary>
/// The roles of the security model. Admins, HR and executives see the whole company; managers see the subtrees of the
/// departments they manage; employees see their own appraisal only. Only admins change data, scorecards, sources,
/// users and keys.
/// </summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Hr = "hr";
    public const string Executive = "executive";
    public const string Manager = "manager";
    public const string Employee = "employee";

    public static readonly IReadOnlyList<string> All = [Admin, Hr, Executive, Manager, Employee];

    /// <summary>Whether the role reads every department's figures (the company view, the executive summary).</summary>
    public static bool SeesWholeCompany(string role) => role is Admin or Hr or Executive;
}
