using Kpi.Delivery.Mail;
using Kpi.Delivery.Tests.Support;
using Kpi.Testing.Mail;
using Kpi.Reporting.Mail;
using System.Globalization;
using Kpi.Testing.Reports;
using MimeKit;
using Xunit.Abstractions;

namespace Kpi.Delivery.Tests.Mail;

/// <summary>Real SMTP over loopback: an in-process server that behaves, and a raw one that hangs up on purpose.</summary>
public class SmtpTransportTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_mail_arrives_once_with_its_parts_and_the_attachment_bytes()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        var mail = Mails.Compose();

        var outcome = await Transport(server.Port).SendAsync(mail);

        var sent = Assert.IsType<SendOutcome.Sent>(outcome);
        Assert.Contains("queued as loopback-1", sent.Response);
        var received = Assert.Single(server.Messages);
        Assert.Equal(["ceo@huacai.example"], received.To);
        Assert.Equal("kpi@huacai.example", received.From);
        var message = received.Parse();
        Assert.Equal(mail.MessageId, message.MessageId);
        Assert.Equal("华东精密制造有限公司 经营月度摘要 2026年10月", message.Subject);
        var parts = message.BodyParts.Select(p => p.ContentType.MimeType).ToList();
        Assert.Equal(["text/plain", "text/html", "application/pdf"], parts);
        var pdf = message.Attachments.OfType<MimePart>().Single();
        Assert.Equal(Mails.PdfName, pdf.FileName);
        Assert.Equal(Mails.SummaryPdf, MailComposerTests.Bytes(pdf));
        Assert.Contains("96.8", message.TextBody);
        Assert.Contains("96.8", message.HtmlBody);
    }

    [Fact]
    public async Task A_recipient_the_server_refuses_with_550_is_a_permanent_failure_with_the_code()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        server.Refuse("gone@huacai.example", 550, "5.1.1 mailbox unavailable");

        var outcome = await Transport(server.Port).SendAsync(Mails.Compose(to: "gone@huacai.example"));

        var failed = Assert.IsType<SendOutcome.Failed>(outcome);
        Assert.Equal(FailureKind.Permanent, failed.Kind);
        Assert.False(failed.MayRetry);
        Assert.Equal(550, failed.StatusCode);
        Assert.Contains("gone@huacai.example", failed.Message);
        Assert.Contains("mailbox unavailable", failed.Message);
        Assert.Empty(server.Messages);
    }

    [Fact]
    public async Task A_4xx_reply_is_a_transient_failure_the_caller_may_retry()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        server.Refuse("busy@huacai.example", 451, "4.3.0 try again later");

        var outcome = await Transport(server.Port).SendAsync(Mails.Compose(to: "busy@huacai.example"));

        var failed = Assert.IsType<SendOutcome.Failed>(outcome);
        Assert.Equal(FailureKind.Transient, failed.Kind);
        Assert.True(failed.MayRetry);
        Assert.Equal(451, failed.StatusCode);
        Assert.Empty(server.Messages);
    }

    [Fact]
    public async Task A_server_that_hangs_up_after_the_message_content_gives_unknown()
    {
        await using var server = new MisbehavingSmtpServer(Misbehaviour.HangUpAfterContent);
        var mail = Mails.Compose();

        var outcome = await Transport(server.Port).SendAsync(mail);

        var unknown = Assert.IsType<SendOutcome.Unknown>(outcome);
        Assert.Contains("after the whole message", unknown.Message);
        // The server did get every byte: a resend would be a second copy of a mail that may have been delivered.
        Assert.NotNull(server.ReceivedContent);
        Assert.Equal(mail.MessageId, MimeMessage.Load(new MemoryStream(server.ReceivedContent!)).MessageId);
        Assert.Equal(1, server.Sessions);
    }

    [Fact]
    public async Task A_server_that_goes_silent_after_the_content_gives_unknown_when_the_wait_times_out()
    {
        await using var server = new MisbehavingSmtpServer(Misbehaviour.SilentAfterContent);

        var outcome = await Transport(server.Port, timeoutSeconds: 1).SendAsync(Mails.Compose());

        Assert.IsType<SendOutcome.Unknown>(outcome);
        Assert.NotNull(server.ReceivedContent);
    }

    [Fact]
    public async Task A_server_that_hangs_up_at_DATA_before_any_content_gives_a_transient_failure()
    {
        await using var server = new MisbehavingSmtpServer(Misbehaviour.HangUpAtData);

        var outcome = await Transport(server.Port).SendAsync(Mails.Compose());

        var failed = Assert.IsType<SendOutcome.Failed>(outcome);
        Assert.Equal(FailureKind.Transient, failed.Kind);
        Assert.Null(failed.StatusCode);
        Assert.Null(server.ReceivedContent);
    }

    [Fact]
    public async Task A_refused_connection_is_a_transient_failure()
    {
        var port = FreePort.Next();

        var outcome = await Transport(port).SendAsync(Mails.Compose());

        var failed = Assert.IsType<SendOutcome.Failed>(outcome);
        Assert.Equal(FailureKind.Transient, failed.Kind);
        Assert.Null(failed.StatusCode);
        Assert.Contains($"127.0.0.1:{port}", failed.Message);
    }

    [Fact]
    public async Task A_message_over_the_size_limit_is_refused_before_any_connection_saying_size_and_limit()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        var mail = Mails.Compose();
        var limit = mail.SizeBytes - 1;

        var outcome = await Transport(server.Port, maxMessageBytes: limit).SendAsync(mail);

        var failed = Assert.IsType<SendOutcome.Failed>(outcome);
        Assert.Equal(FailureKind.Permanent, failed.Kind);
        Assert.Contains($"{mail.SizeBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes", failed.Message);
        Assert.Contains($"limit of {limit.ToString("N0", CultureInfo.InvariantCulture)} bytes", failed.Message);
        Assert.Contains("Kpi:Mail:MaxMessageBytes", failed.Message);
        Assert.Equal(0, server.Sessions);
        Assert.Empty(server.Messages);
    }

    [Fact]
    public async Task With_a_user_set_the_transport_authenticates_and_a_wrong_password_is_a_permanent_failure()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(login: ("kpi", "正确的密码"));

        var sent = await Transport(server.Port, user: "kpi", password: "正确的密码").SendAsync(Mails.Compose());
        var refused = await Transport(server.Port, user: "kpi", password: "wrong").SendAsync(Mails.Compose());
        var anonymous = await Transport(server.Port).SendAsync(Mails.Compose());

        Assert.IsType<SendOutcome.Sent>(sent);
        var failed = Assert.IsType<SendOutcome.Failed>(refused);
        Assert.Equal(FailureKind.Permanent, failed.Kind);
        Assert.StartsWith("Failed authenticating with", failed.Message);
        Assert.DoesNotContain("wrong", failed.Message);
        Assert.Equal(FailureKind.Permanent, Assert.IsType<SendOutcome.Failed>(anonymous).Kind);
        Assert.Single(server.Messages);
    }

    [Fact]
    public async Task Starttls_required_from_a_server_that_does_not_offer_it_is_a_permanent_failure_never_plain_text()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();

        var outcome = await Transport(server.Port, security: SmtpSecurity.StartTls).SendAsync(Mails.Compose());

        var failed = Assert.IsType<SendOutcome.Failed>(outcome);
        Assert.Equal(FailureKind.Permanent, failed.Kind);
        Assert.Contains("STARTTLS", failed.Message);
        Assert.Empty(server.Messages);
    }

    [Fact]
    public async Task Names_from_data_arrive_escaped_in_the_html_and_plain_in_the_text()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        const string hostile = "<script>alert('x')</script> & =HYPERLINK(\"http://evil.example\")";
        var model = SamplePacks.Executive() with { CompanyName = "华东 & <b>精密</b>" };
        model = model with { Ranking = [model.Ranking[0] with { DepartmentName = hostile }, .. model.Ranking.Skip(1)] };
        var body = new ExecutiveSummaryMail(model, Mails.Portal).Render();

        await Transport(server.Port).SendAsync(Mails.Compose(body: body));

        var message = Assert.Single(server.Messages).Parse();
        Assert.Equal("华东 & <b>精密</b> 经营月度摘要 2026年10月", message.Subject);
        Assert.DoesNotContain("<script>", message.HtmlBody);
        Assert.DoesNotContain("<b>精密", message.HtmlBody);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; =HYPERLINK(&quot;http://evil.example&quot;)", message.HtmlBody);
        Assert.Contains("华东 &amp; &lt;b&gt;精密&lt;/b&gt;", message.HtmlBody);
        Assert.Contains(hostile, message.TextBody);
    }

    /// <summary>A transport to a loopback port (plain text unless said); what each attempt came to is written to the test output.</summary>
    private Sender Transport(int port, int timeoutSeconds = 10, long maxMessageBytes = 10L * 1024 * 1024, string? user = null, string? password = null,
        SmtpSecurity security = SmtpSecurity.None) =>
        new(new SmtpTransport(new SmtpOptions
        {
            Host = "127.0.0.1", Port = port, Security = security, TimeoutSeconds = timeoutSeconds, User = user, Password = password,
        }, maxMessageBytes), output);

    private sealed class Sender(SmtpTransport transport, ITestOutputHelper output)
    {
        public async Task<SendOutcome> SendAsync(ComposedMail mail)
        {
            var outcome = await transport.SendAsync(mail);
            output.WriteLine(outcome.ToString());
            return outcome;
        }
    }
}
