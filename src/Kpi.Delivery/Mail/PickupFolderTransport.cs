namespace Kpi.Delivery.Mail;

/// <summary>
/// The embedded default: each message becomes <c>{folder}/{Message-ID}.eml</c>, which any mail client opens. The file is
/// written under a temporary name that does not end in <c>.eml</c> and renamed when complete, so whoever watches the
/// folder never sees half a message; the same Message-ID always gives the same file name, so writing a mail again
/// replaces its file instead of adding a second one.
/// </summary>
public sealed class PickupFolderTransport(string folder, long maxMessageBytes) : MailTransport(maxMessageBytes)
{
    public string Folder { get; } = Path.GetFullPath(folder);

    protected override async Task<SendOutcome> DeliverAsync(ComposedMail mail, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Folder, FileName(mail.MessageId));
        var temporary = Path.Combine(Folder, $".{Path.GetFileNameWithoutExtension(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(Folder);
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await mail.Message.WriteToAsync(ComposedMail.Format, file, cancellationToken);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
            return new SendOutcome.Sent($"written to {path}");
        }
        catch (UnauthorizedAccessException e)
        {
            return new SendOutcome.Failed(FailureKind.Permanent, null, $"Cannot write to the pickup folder {Folder}: {e.Message}");
        }
        catch (IOException e)
        {
            return new SendOutcome.Failed(FailureKind.Transient, null, $"Writing to the pickup folder {Folder} failed: {e.Message}");
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>
    /// Whether the folder holds the mail with this Message-ID: a complete file, since files appear only by rename. The
    /// outbox asks when a sender died after handing a mail over, to tell "written" from "never written".
    /// </summary>
    public bool Holds(string messageId) => File.Exists(Path.Combine(Folder, FileName(messageId)));

    /// <summary>The Message-ID with every character a file system might refuse replaced: <c>kpi.3f9c…_huacai.example.eml</c>.</summary>
    public static string FileName(string messageId) =>
        new string(messageId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray()).TrimStart('.') + ".eml";
}
