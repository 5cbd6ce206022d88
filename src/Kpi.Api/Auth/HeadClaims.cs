using System.Security.Claims;
using Kpi.Storage;
using Microsoft.AspNetCore.Authentication;

namespace Kpi.Api.Auth;

/// <summary>
/// Adds to a signed-in employee's principal the departments they head now, whichever way they signed in: a manager's
/// scope is their named departments plus those, and an appraiser's rights follow from them.
/// </summary>
internal sealed class HeadClaims(KpiDbContext db, AccessCache cache) : IClaimsTransformation
{
    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        var employee = principal.FindFirstValue(KpiClaims.Employee);
        if (employee is null || principal.HasClaim(c => c.Type == KpiClaims.Head) || principal.Identity is not ClaimsIdentity) return principal;
        var heads = await cache.HeadsAsync(db, CancellationToken.None);
        if (!heads.TryGetValue(employee, out var departments)) return principal;
        // A copy: the principal may be a cached ticket's.
        var copy = principal.Clone();
        ((ClaimsIdentity)copy.Identity!).AddClaims(departments.Select(d => new Claim(KpiClaims.Head, d)));
        return copy;
    }
}
