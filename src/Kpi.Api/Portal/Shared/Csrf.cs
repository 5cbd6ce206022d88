using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Html;

namespace Kpi.Api.Portal.Shared;

/// <summary>The hidden antiforgery field every form of the portal carries (Razor Pages checks it on every POST).</summary>
public static class Csrf
{
    public static IHtmlContent Field(HttpContext http)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        var enc = HtmlEncoder.Default;
        return new HtmlString($"<input type=\"hidden\" name=\"{enc.Encode(tokens.FormFieldName)}\" value=\"{enc.Encode(tokens.RequestToken ?? "")}\">");
    }
}
