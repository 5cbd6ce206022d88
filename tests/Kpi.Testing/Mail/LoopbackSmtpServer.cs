using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using ServiceProvider = SmtpServer.ComponentModel.ServiceProvider;

namespace Kpi.Testing.Mail;

/// <summary>A message as the server received it: the envelope and the exact bytes after DATA.</summary>
public sealed record ReceivedMessage(string From, IReadOnlyList<string> To, byte[] Data)
{
    public MimeMessage Parse() => MimeMessage.Load(new MemoryStream(Data));
}

/// <summary>
/// A real SMTP server (the SmtpServer package) on a free loopback port, in process: it keeps every message it accepts,
/// counts sessions, and answers RCPT for chosen addresses with a chosen reply (550, 451…) the way a real server would.
/// </summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task running;
    private readonly ConcurrentQueue<ReceivedMessage> messages = new();
    private readonly ConcurrentDictionary<string, SmtpResponse> refusals = new(StringComparer.OrdinalIgnoreCase);
    private int sessions;

    private LoopbackSmtpServer(int port, TaskCompletionSource started, (string User, string Password)? login)
    {
        Port = port;
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, _) => started.TrySetResult();
        var services = new ServiceProvider();
        services.Add(listeners);
        services.Add(new Store(this));
        services.Add(new Filter(this));
        if (login is { } required) services.Add(new Login(required.User, required.Password));
        var options = new SmtpServerOptionsBuilder()
            .ServerName("loopback.test")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))
                .AuthenticationRequired(login is not null)
                .AllowUnsecureAuthentication(login is not null))
            .Build();
        var server = new SmtpServer.SmtpServer(options, services);
        server.SessionCreated += (_, _) => Interlocked.Increment(ref sessions);
        running = server.StartAsync(stop.Token);
    }

    public int Port { get; }

    public IReadOnlyList<ReceivedMessage> Messages => messages.ToList();

    /// <summary>Connections the server accepted: zero proves a client never connected.</summary>
    public int Sessions => Volatile.Read(ref sessions);

    /// <param name="login">When given, the server requires AUTH (over plain text: loopback only) with this user and password.</param>
    public static async Task<LoopbackSmtpServer> StartAsync((string User, string Password)? login = null)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = new LoopbackSmtpServer(FreePort.Next(), started, login);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return server;
    }

    /// <summary>Answer RCPT TO:&lt;address&gt; with this code and text from now on.</summary>
    public void Refuse(string address, int code, string text) => refusals[address] = new SmtpResponse((SmtpReplyCode)code, text);

    /// <summary>Accept RCPT TO:&lt;address&gt; again from now on: the mailbox's trouble is over.</summary>
    public void Accept(string address) => refusals.TryRemove(address, out _);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await running.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
            // The server ends by cancellation.
        }
        stop.Dispose();
    }

    private sealed class Store(LoopbackSmtpServer server) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            server.messages.Enqueue(new ReceivedMessage(transaction.From.AsAddress(), transaction.To.Select(t => t.AsAddress()).ToList(), buffer.ToArray()));
            return Task.FromResult(new SmtpResponse(SmtpReplyCode.Ok, "2.0.0 queued as loopback-" + server.messages.Count));
        }
    }

    private sealed class Login(string user, string password) : SmtpServer.Authentication.UserAuthenticator
    {
        public override Task<bool> AuthenticateAsync(ISessionContext context, string name, string secret, CancellationToken cancellationToken) =>
            Task.FromResult(name == user && secret == password);
    }

    private sealed class Filter(LoopbackSmtpServer server) : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            server.refusals.TryGetValue(to.AsAddress(), out var response) ? throw new SmtpResponseException(response) : Task.FromResult(true);
    }
}

public static class FreePort
{
    /// <summary>A loopback port nobody listens on right now (the system picks it; it is free until someone binds it).</summary>
    public static int Next()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
