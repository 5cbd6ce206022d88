using System.Security.Claims;
using Kpi.Api.Auth;
using Kpi.Api.Portal.Shared;
using Kpi.Storage;
using Kpi.Storage.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace Kpi.Api.Portal.Account;

/// <summary><c>POST /logout</c>: ends the cookie's session on the server (so a copied cookie stops working too), audited.</summary>
public sealed class LogoutModel(PortalContext portal) : PortalPage(portal)
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync([FromServices] Sessions sessions, [FromServices] KpiDbContext db, [FromServices] TimeProvider clock,
        CancellationToken ct)
    {
        if (long.TryParse(User.FindFirstValue(KpiClaims.Session), out var session))
        {
            await sessions.RevokeAsync(session, "signed out", ct);
            db.Record(clock.GetUtcNow().UtcDateTime, User.Identity?.Name ?? "", "auth.signed_out", "user", User.FindFirstValue(KpiClaims.User) ?? "",
                new { session });
            await db.SaveChangesAsync(ct);
        }
        await HttpContext.SignOutAsync(CookieSessions.SchemeName);
        return Redirect(CookieSessions.LoginPath);
    }
}
