using System.Security.Claims;

namespace Kpi.Api.Auth;

/// <summary>The principal of a signed-in user, built afresh from the current user row on every request.</summary>
internal static class UserPrincipals
{
    public static ClaimsPrincipal For(AccessCache.UserSnapshot user, long sessionId, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.UserName),
            new(ClaimTypes.Role, user.Role),
            new(KpiClaims.User, user.Id.ToString()),
            new(KpiClaims.Session, sessionId.ToString()),
            new(KpiClaims.DisplayName, user.DisplayName),
        };
        claims.AddRange(user.Departments.Select(d => new Claim(KpiClaims.Department, d)));
        if (user.EmployeeNo is not null) claims.Add(new Claim(KpiClaims.Employee, user.EmployeeNo));
        if (user.MustChangePassword) claims.Add(new Claim(KpiClaims.MustChangePassword, "true"));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
