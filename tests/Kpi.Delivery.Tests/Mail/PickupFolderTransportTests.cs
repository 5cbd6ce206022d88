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
    /// A watcher polls the folder while a 12 MB message is written: every .eml it ever sees is already whole, and no
    /// file it sees is named .eml before it is.
    /// </summary>
    [Fact]
    public async Task A_file_is_written_whole_or_not_at_all_and_no_partial_eml_is_ever_visible()
    {
        var big = new byte[12 * 1024 * 1024];
        new Random(7).NextBytes(big);
        var mail = Mails.Compose(attachments: new MailAttachment("大文件.pdf", MailAttachment.Pdf, big));
        var transport = new PickupFolderTransport(folder, 64L * 1024 * 1024);
        Directory.CreateDirectory(folder);

        var seen = new HashSet<(string Name, long Length)>();
        var writing = Task.Run(() => transport.SendAsync(mail));
        while (!writing.IsCompleted)
        {
            foreach (var file in new DirectoryInfo(folder).EnumerateFiles())
            {
                try
                {
                    seen.Add((file.Name, file.Length));
                }
                catch (FileNotFoundException)
                {
                    // The temporary file was renamed between listing and reading its length.
                }
            }
            await Task.Delay(1);
        }
        await writing;

        Assert.Contains(seen, f => !f.Name.EndsWith(".eml", StringComparison.Ordinal)); // the watcher did see the write in progress
        Assert.All(seen.Where(f => f.Name.EndsWith(".eml", StringComparison.Ordinal)), f => Assert.Equal(mail.SizeBytes, f.Length));
        var path = Assert.Single(Directory.GetFiles(folder));
        Assert.Equal(big, MailComposerTests.Bytes(MimeMessage.Load(path).Attachments.OfType<MimePart>().Single()));
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
