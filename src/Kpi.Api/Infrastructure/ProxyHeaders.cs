using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Kpi.Api.Infrastructure;

/// <summary>
/// The <c>Kpi:Proxy</c> section: which reverse proxies may tell Kpi the client's address and scheme
/// (<c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c>). A proxy on the same machine (loopback) is trusted without
/// configuration; one elsewhere is named by address (<c>KnownProxies</c>) or network (<c>KnownNetworks</c>, CIDR).
/// Headers from any other sender are ignored, so a client cannot claim another address to slip the sign-in throttle
/// or forge the audit's.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "Kpi:Proxy";

    public List<string> KnownProxies { get; set; } = [];

    public List<string> KnownNetworks { get; set; } = [];
}

internal static class ProxyHeaders
{
    /// <summary>
    /// Behind a TLS proxy the request Kpi sees is plain HTTP; with the proxy's word taken, the session cookie is marked
    /// <c>Secure</c> (its policy follows the request's scheme), links name https, and the audit and the per-address
    /// sign-in throttle see the client's address rather than the proxy's.
    /// </summary>
    public static void AddKpiProxyHeaders(this WebApplicationBuilder builder)
    {
        var proxy = builder.Configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();
        var problems = new List<string>();
        var addresses = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        for (var i = 0; i < proxy.KnownProxies.Count; i++)
        {
            if (IPAddress.TryParse(proxy.KnownProxies[i], out var address)) addresses.Add(address);
            else problems.Add($"{ProxyOptions.Section}:KnownProxies:{i}: '{proxy.KnownProxies[i]}' is not an IP address");
        }
        for (var i = 0; i < proxy.KnownNetworks.Count; i++)
        {
            if (System.Net.IPNetwork.TryParse(proxy.KnownNetworks[i], out var network)) networks.Add(network);
            else problems.Add($"{ProxyOptions.Section}:KnownNetworks:{i}: '{proxy.KnownNetworks[i]}' is not a network in CIDR notation (10.0.0.0/8)");
        }
        if (problems.Count > 0) throw new InvalidOperationException("The proxy settings are not valid: " + string.Join("; ", problems));

        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults (loopback) stay; the configured proxies join them. One hop: the proxy in front of Kpi.
            foreach (var address in addresses) o.KnownProxies.Add(address);
            foreach (var network in networks) o.KnownIPNetworks.Add(network);
        });
    }
}
