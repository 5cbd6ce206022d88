using Kpi.Api.Portal.Shared;
using Kpi.Reporting.Models;
using Microsoft.AspNetCore.Mvc;

namespace Kpi.Api.Portal.Account;

/// <summary><c>POST /language</c>: the zh/en switch, remembered for a year in a cookie; back to the page it was pressed on.</summary>
public sealed class LanguageModel(PortalContext portal) : PortalPage(portal)
{
    public IActionResult OnGet() => Redirect("/");

    public IActionResult OnPost([FromForm] string? to, [FromForm] string? returnUrl)
    {
        if (ReportLanguages.TryParse(to, out var language))
        {
            Response.Cookies.Append(PortalContext.LanguageCookie, language.Code(), new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps, MaxAge = TimeSpan.FromDays(365), IsEssential = true,
            });
        }
        return Redirect(LoginModel.LocalOrHome(returnUrl));
    }
}
