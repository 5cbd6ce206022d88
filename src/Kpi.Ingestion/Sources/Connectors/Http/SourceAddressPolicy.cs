using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Kpi.Domain;

namespace Kpi.Ingestion.Sources.Connectors.Http;

/// <summary>
/// Where an http source may connect: hosts of <see cref="SourceOptions.AllowedHosts"/> when the list is set, and never
/// a loopback (127/8, ::1), link-local (169.254/16, fe80::/10, where cloud metadata services answer) or unspecified
/// (0.0.0.0/8, ::) address unless the host is named exactly in the list. The addresses are checked as resolved, when
/// the connection is made (<see cref="ConnectAsync"/>, the handler's <c>ConnectCallback</c>), and the connection goes to
/// the very address checked: a name that resolves elsewhere between two lookups (DNS rebinding), a next link or a
/// redirect gets no further than the URL the admin gave. The URL's text is checked too, when a source is saved, so
/// that an obvious mistake is a 400 rather than a failed run.
/// </summary>
internal sealed class SourceAddressPolicy
{
    private readonly Entry[] _allowed;
    private readonly Entry[] _local;

    public SourceAddressPolicy(SourceOptions options)
    {
        _allowed = [.. options.AllowedHosts.SelectMany(Split).Select(Entry.Parse)];
        _local = [.. options.LocalHosts.Select(Entry.Parse)];
    }

    private static IEnumerable<string> Split(string entries) => entries.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The URL's host as written, when a source is saved: not on the list, or an address or name that is loopback.</summary>
    public void Check(Uri url, string field, List<FieldError> problems)
    {
        var host = Normalize(url.IdnHost);
        if (Refusal(host, url.Port) is { } refused) problems.Add(new(field, refused));
        else if (!MayBeLocal(host, url.Port) && LocalKind(host) is { } kind) problems.Add(new(field, $"{host} is {kind}: {LocalRule}"));
    }

    /// <summary>What a host written in a URL is, when it is plainly local; the rest is known only once resolved.</summary>
    private static string? LocalKind(string host) =>
        host == "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal) ? "a loopback name"
        : IPAddress.TryParse(host, out var address) ? Special(address)
        : null;

    /// <summary>Connects to the host of a request after checking every address it resolves to; the handler's ConnectCallback.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = Normalize(context.DnsEndPoint.Host);
        var port = context.DnsEndPoint.Port;
        if (Refusal(host, port) is { } refused) throw new SourceException(refused);
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        if (addresses.Length == 0) throw new SourceException($"{host} resolves to no address");
        if (!MayBeLocal(host, port))
        {
            foreach (var address in addresses)
            {
                if (Special(address) is { } kind) throw new SourceException($"{host} resolves to {address}, {kind}: {LocalRule}");
            }
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            // The addresses just checked, not the name again: what was checked is where the connection goes.
            await socket.ConnectAsync(addresses, port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private const string LocalRule = "sources may not reach loopback, link-local or unspecified addresses unless Kpi:Sources:AllowedHosts names the host";

    /// <summary>Why the host may not be reached at all; null when it may.</summary>
    private string? Refusal(string host, int port) =>
        _allowed.Length == 0 || _allowed.Any(e => e.Matches(host, port)) || _local.Any(e => e.Matches(host, port))
            ? null
            : $"{host}:{port} is not among the hosts sources may reach (Kpi:Sources:AllowedHosts)";

    /// <summary>Named exactly (no wildcard), so it may resolve to loopback or link-local addresses.</summary>
    private bool MayBeLocal(string host, int port) => _allowed.Concat(_local).Any(e => !e.Wildcard && e.Matches(host, port));

    /// <summary>What kind of address a source must not reach by default; null for any other.</summary>
    internal static string? Special(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && IsIPv4Compatible(address)) address = new IPAddress(address.GetAddressBytes()[12..]);
        if (IPAddress.IsLoopback(address)) return "a loopback address";
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            if (b[0] == 0) return "an unspecified address";
            if (b[0] == 169 && b[1] == 254) return "a link-local address";
            return null;
        }
        if (address.Equals(IPAddress.IPv6Any)) return "an unspecified address";
        if (address.IsIPv6LinkLocal) return "a link-local address";
        return null;
    }

    // ::a.b.c.d (deprecated, but still parsed): the IPv4 address in its last four bytes.
    private static bool IsIPv4Compatible(IPAddress address)
    {
        var b = address.GetAddressBytes();
        return b[..12].All(x => x == 0) && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && b[15] <= 1);
    }

    /// <summary>A host as compared: lower case, no trailing dot, an IPv6 address without brackets.</summary>
    internal static string Normalize(string host) => host.Trim('[', ']').TrimEnd('.').ToLowerInvariant();

    /// <summary><c>host</c>, <c>*.domain</c>, <c>[::1]</c>, each with an optional <c>:port</c>.</summary>
    private readonly record struct Entry(string Host, int? Port, bool Wildcard)
    {
        public static Entry Parse(string text)
        {
            var t = text.Trim();
            int? port = null;
            var colon = t.LastIndexOf(':');
            // A port follows the last ':' unless that ':' is inside an IPv6 address ("::1" without brackets).
            if (colon > 0 && int.TryParse(t[(colon + 1)..], out var p) && (t.StartsWith('[') ? t[colon - 1] == ']' : t.IndexOf(':') == colon))
            {
                port = p;
                t = t[..colon];
            }
            var wildcard = t.StartsWith("*.", StringComparison.Ordinal);
            return new Entry(Normalize(wildcard ? t[1..] : t), port, wildcard);
        }

        public bool Matches(string host, int port) =>
            (Port is null || Port == port) && (Wildcard ? host.EndsWith(Host, StringComparison.Ordinal) && host.Length > Host.Length : host == Host);
    }
}
