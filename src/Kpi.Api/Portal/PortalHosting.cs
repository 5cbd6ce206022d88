using Kpi.Api.Auth;
using Kpi.Api.Portal.Operations;
using Kpi.Api.Portal.Shared;
using Kpi.Domain.Access;
using Kpi.Reporting.Fonts;

namespace Kpi.Api.Portal;

/// <summary>
/// The web portal: Razor Pages under <c>Portal/</c>, server-rendered, in the API host. Pages sign in with the session
/// cookie and are authorised by folder with the API's own policies (figures for scorecards and packs, the company view
/// for admins, HR and executives, operations for admins); department scope is checked by each page as the API checks
/// it. A signed-out visitor is sent to <c>/login</c>, a signed-in one without the role to <c>/denied</c> (403).
/// </summary>
public static class PortalHosting
{
    /// <summary>Readers of the whole company's figures: admins, HR and executives.</summary>
    public const string Company = "company";

    public const string FontPath = "/fonts/kpi-sans-sc.otf";

    public static void AddKpiPortal(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<PortalContext>();
        // Pages are mostly Chinese: written as characters, not as &#x…; entities (three times the bytes, and a source
        // nobody can read). Markup characters and quotes are still encoded.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Company, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.Hr, Roles.Executive));
        builder.Services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Portal";
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AllowAnonymousToPage("/Account/Login");
            o.Conventions.AllowAnonymousToPage("/Account/Logout");
            o.Conventions.AllowAnonymousToPage("/Account/Denied");
            o.Conventions.AllowAnonymousToPage("/Account/Language");
            o.Conventions.AuthorizeFolder("/Scorecards", AuthHosting.Figures);
            o.Conventions.AuthorizeFolder("/Packs", AuthHosting.Figures);
            o.Conventions.AuthorizeFolder("/Company", Company);
            o.Conventions.AuthorizeFolder("/Operations", AuthHosting.Admin);
        });
    }

    public static void MapKpiPortal(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapImportUpload();
        // The project's own CJK font, for a browser without one (CSS names it last, so others never download it).
        app.MapGet(FontPath, () => TypedResults.Stream(
                typeof(ReportFonts).Assembly.GetManifestResourceStream("Kpi.Reporting.Fonts.KpiSansSC-Regular.otf")!, "font/otf"))
            .AllowAnonymous().ExcludeFromDescription()
            .AddEndpointFilter(async (context, next) =>
            {
                context.HttpContext.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                return await next(context);
            });
    }
}
