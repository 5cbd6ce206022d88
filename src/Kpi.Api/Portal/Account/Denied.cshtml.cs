using Kpi.Api.Portal.Shared;

namespace Kpi.Api.Portal.Account;

/// <summary><c>/denied</c>: where a signed-in user without the role a page needs is sent; answers 403.</summary>
public sealed class DeniedModel(PortalContext portal) : PortalPage(portal)
{
    public void OnGet()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        Title = T("无权访问", "Not allowed");
    }
}
