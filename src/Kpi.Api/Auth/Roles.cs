namespace Kpi.Api.Auth;

/// <summary>
/// The roles of the security model. Managers see only the subtrees of the departments they manage; the others see
/// the whole company. Only admins change data, scorecards and keys.
/// </summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Hr = "hr";
    public const string Executive = "executive";
    public const string Manager = "manager";

    public static readonly IReadOnlyList<string> All = [Admin, Hr, Executive, Manager];
}
