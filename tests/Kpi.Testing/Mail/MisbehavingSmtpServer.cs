using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kpi.Testing.Mail;

/// <summary>How the raw server breaks the conversation.</summary>
public enum Misbehaviour
{
    /// <summary>Hang up when the client says DATA, before answering it: nothing of the message was handed over.</summary>
    HangUpAtData,

    /// <summary>Read the whole message up to the end-of-data mark, then hang up without the final reply.</summary>
    HangUpAfterContent,

    /// <summary>Read the whole message, then say nothing and keep the connection open: the client times out.</summary>
    SilentAfterContent,
}

/// <summary>
/// A tiny SMTP server on a raw socket that speaks just enough (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) to
/// take a message from MailKit, and then misbehaves on purpose in ways an in-process server library will not: hanging
/// up at the very moments that decide between "failed" and "unknown".
/// </summary>
public sealed class MisbehavingSmtpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Misbehaviour misbehaviour;
    private readonly Task accepting;
    private int sessions;

    public MisbehavingSmtpServer(Misbehaviour misbehaviour)
    {
        this.misbehaviour = misbehaviour;
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public int Sessions => Volatile.Read(ref sessions);

    /// <summary>The message bytes read before misbehaving (dot-unstuffed), when the client got that far.</summary>
    public byte[]? ReceivedContent { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping the listener ends the accept loop.
        }
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop.Token);
            Interlocked.Increment(ref sessions);
            _ = Task.Run(() => ConverseAsync(client));
        }
    }

    private async Task ConverseAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.Latin1);
        async Task Say(string line) => await stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"), stop.Token);

        try
        {
            await Say("220 misbehaving.test ESMTP");
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO" or "HELO":
                        await Say("250 misbehaving.test");
                        break;
                    case "MAIL" or "RCPT" or "RSET" or "NOOP":
                        await Say("250 2.0.0 OK");
                        break;
                    case "QUIT":
                        await Say("221 2.0.0 Bye");
                        return;
                    case "DATA" when misbehaviour == Misbehaviour.HangUpAtData:
                        client.Client.Close();
                        return;
                    case "DATA":
                        await Say("354 End data with <CR><LF>.<CR><LF>");
                        ReceivedContent = await ReadContentAsync(reader);
                        if (misbehaviour == Misbehaviour.SilentAfterContent) await Task.Delay(Timeout.Infinite, stop.Token);
                        client.Client.Close();
                        return;
                    default:
                        await Say("502 5.5.2 Command not implemented");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client or the test went away.
        }
    }

    private async Task<byte[]> ReadContentAsync(StreamReader reader)
    {
        var content = new MemoryStream();
        while (await reader.ReadLineAsync(stop.Token) is { } line && line != ".")
        {
            var bytes = Encoding.Latin1.GetBytes(line.StartsWith("..", StringComparison.Ordinal) ? line[1..] : line);
            content.Write(bytes);
            content.Write("\r\n"u8);
        }
        return content.ToArray();
    }
}
