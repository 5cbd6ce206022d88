namespace Kpi.Api.Auth;

/// <summary>
/// The claims every way of signing in (API key, bearer token, browser cookie) gives a request, so that one
/// authorization model reads them all: the name, the role (<c>ClaimTypes.Role</c>) and these.
/// </summary>
public static class KpiClaims
{
    /// <summary>A department a manager is named on (their key's, or their user's).</summary>
    public const string Department = "kpi:department";

    /// <summary>A department whose head is the caller's employee, added per request from the current heads.</summary>
    public const string Head = "kpi:head";

    /// <summary>The caller's employee_no, for a user linked to a staff record.</summary>
    public const string Employee = "kpi:employee";

    public const string User = "kpi:user";
    public const string Session = "kpi:session";
    public const string Key = "kpi:key";
    public const string DisplayName = "kpi:display_name";

    /// <summary>Present while a user signed in with an initial password has not chosen their own.</summary>
    public const string MustChangePassword = "kpi:must_change_password";
}
