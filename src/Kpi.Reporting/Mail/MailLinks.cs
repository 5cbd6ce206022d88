namespace Kpi.Reporting.Mail;

internal static class MailLinks
{
    /// <summary>
    /// A mail links only to an absolute http(s) address: anything else (a relative path, <c>javascript:</c>, <c>file:</c>)
    /// is a configuration mistake, said at once rather than mailed to executives.
    /// </summary>
    public static Uri Checked(Uri portal)
    {
        ArgumentNullException.ThrowIfNull(portal);
        if (!portal.IsAbsoluteUri || (portal.Scheme != Uri.UriSchemeHttps && portal.Scheme != Uri.UriSchemeHttp))
            throw new ArgumentException($"The portal link must be an absolute http or https address (got '{portal}').", nameof(portal));
        return portal;
    }
}
