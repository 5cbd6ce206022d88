using System.Globalization;
using Kpi.Delivery.Mail;
using Kpi.Delivery.Tests.Support;
using Kpi.Testing.Mail;
using MimeKit;

namespace Kpi.Delivery.Tests.Mail;

public sealed class PickupFolderTransportTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "kpi-pickup-" + Guid.NewGuid().ToString("N"), "outbox");

    public void Dispose()
    {
        var root = Path.GetDirectoryName(folder)!;
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task A_mail_becomes_an_eml_file_named_after_its_message_id_that_parses_back()
    {
        var mail = Mails.Compose();

        var outcome = await new PickupFolderTransport(folder, 10L * 1024 * 1024).SendAsync(mail);

        var path = Assert.Single(Directory.GetFiles(folder));
        Assert.Equal(PickupFolderTransport.FileName(mail.MessageId), Path.GetFileName(path));
        Assert.EndsWith(".eml", path);
        Assert.Equal($"written to {path}", Assert.IsType<SendOutcome.Sent>(outcome).Response);
        Assert.Equal(mail.SizeBytes, new FileInfo(path).Length);
        var message = await MimeMessage.LoadAsync(path);
        Assert.Equal(mail.MessageId, message.MessageId);
        Assert.Equal("华东精密制造有限公司 经营月度摘要 2026年10月", message.Subject);
        var pdf = message.Attachments.OfType<MimePart>().Single();
        Assert.Equal(Mails.PdfName, pdf.FileName);
        Assert.Equal(Mails.SummaryPdf, MailComposerTests.Bytes(pdf));
    }

    [Fact]
    public async Task The_same_message_id_replaces_its_file_instead_of_adding_a_second()
    {
        var transport = new PickupFolderTransport(folder, 10L * 1024 * 1024);
        var mail = Mails.Compose();

        await transport.SendAsync(mail);
        await transport.SendAsync(Mails.Composer().Compose(Mails.Outgoing() with { MessageId = mail.MessageId }));

        Assert.Single(Directory.GetFiles(folder));
    }

    /// <summary>
    /// The write is held half way (the attachment's content stops until the test lets it go): at that moment the folder
    /// holds the message under its temporary name only, and no .eml; let go, the .eml appears whole. Holding the write
    /// makes this deterministic, where a watcher racing a fast disk may see nothing at all.
    /// </summary>
    [Fact]
    public async Task A_file_is_written_whole_or_not_at_all_and_no_partial_eml_is_ever_visible()
    {
        var big = new byte[4 * 1024 * 1024];
        new Random(7).NextBytes(big);
        var mail = Mails.Compose(attachments: new MailAttachment("大文件.pdf", MailAttachment.Pdf, big));
        var part = mail.Message.Attachments.OfType<MimePart>().Single();
        var content = Assert.IsAssignableFrom<IMimeContent>(part.Content);
        using var encoded = new MemoryStream();
        await Assert.IsAssignableFrom<Stream>(content.Stream).CopyToAsync(encoded);
        var gate = new HalfWayGate(encoded.ToArray());
        part.Content = new MimeContent(gate, content.Encoding);
        var transport = new PickupFolderTransport(folder, 64L * 1024 * 1024);

        var writing = Task.Run(() => transport.SendAsync(mail));
        await gate.HalfWay.WaitAsync(TimeSpan.FromSeconds(30));

        var during = new DirectoryInfo(folder).GetFiles();
        var temporary = Assert.Single(during);
        Assert.False(temporary.Name.EndsWith(".eml", StringComparison.Ordinal), $"{temporary.Name} is visible as .eml while half written");
        Assert.True(temporary.Length < mail.SizeBytes);

        gate.Release();
        Assert.IsType<SendOutcome.Sent>(await writing);
        var path = Assert.Single(Directory.GetFiles(folder));
        Assert.Equal(PickupFolderTransport.FileName(mail.MessageId), Path.GetFileName(path));
        Assert.Equal(mail.SizeBytes, new FileInfo(path).Length);
        Assert.Equal(big, MailComposerTests.Bytes(MimeMessage.Load(path).Attachments.OfType<MimePart>().Single()));
    }

    /// <summary>A read-only stream over <paramref name="bytes"/> that stops at the half until <see cref="Release"/>.</summary>
    private sealed class HalfWayGate(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        private readonly TaskCompletionSource _halfWay = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task HalfWay => _halfWay.Task;

        public void Release() => _released.TrySetResult();

        public override int Read(byte[] buffer, int offset, int count)
        {
            Hold();
            return base.Read(buffer, offset, count);
        }

        public override int Read(Span<byte> buffer)
        {
            Hold();
            return base.Read(buffer);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Position >= Length / 2 && !_released.Task.IsCompleted)
            {
                _halfWay.TrySetResult();
                await _released.Task.WaitAsync(cancellationToken);
            }
            return await base.ReadAsync(buffer, cancellationToken);
        }

        private void Hold()
        {
            if (Position < Length / 2 || _released.Task.IsCompleted) return;
            _halfWay.TrySetResult();
            _released.Task.Wait();
        }
    }

    [Fact]
    public async Task A_cancelled_write_leaves_nothing_behind()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new PickupFolderTransport(folder, 10L * 1024 * 1024).SendAsync(Mails.Compose(), cancelled.Token));

        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task A_message_over_the_limit_writes_nothing_and_says_size_and_limit()
    {
        var mail = Mails.Compose();

        var outcome = await new PickupFolderTransport(folder, 1000).SendAsync(mail);

        var failed = Assert.IsType<SendOutcome.Failed>(outcome);
        Assert.Equal(FailureKind.Permanent, failed.Kind);
        Assert.Contains($"The message is {mail.SizeBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes, over the limit of 1,000 bytes", failed.Message);
        Assert.False(Directory.Exists(folder));
    }
}
