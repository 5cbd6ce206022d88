using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Storage.Close;

/// <summary>Identifies one stored pack: which report, of what, which version, in which language and format.</summary>
public sealed record StoredFileKey(string Report, string Period, string Subject, int Version, string Language, string Format);

/// <summary>A stored pack without its bytes: enough to answer a conditional request or list what is stored.</summary>
public sealed record StoredFileInfo(long Id, StoredFileKey Key, string ContentType, string Sha256, long Size, DateTime CreatedAt);

/// <summary>
/// Stored packs: found by key, or saved once. Two renders of the same pack racing to save (a download and the close's
/// job) produce the same bytes, so the loser of the unique index simply takes what the winner stored.
/// </summary>
public static class StoredFileStore
{
    public static Task<StoredFileInfo?> FindAsync(this KpiDbContext db, StoredFileKey key, CancellationToken ct = default) =>
        db.StoredFiles.AsNoTracking()
            .Where(p => p.Report == key.Report && p.Period == key.Period && p.Subject == key.Subject && p.Version == key.Version &&
                        p.Language == key.Language && p.Format == key.Format)
            .Select(p => new StoredFileInfo(p.Id, key, p.ContentType, p.Sha256, p.Size, p.CreatedAt))
            .FirstOrDefaultAsync(ct);

    public static async Task<byte[]> ContentAsync(this KpiDbContext db, long id, CancellationToken ct = default) =>
        await db.StoredFiles.AsNoTracking().Where(p => p.Id == id).Select(p => p.Content).SingleAsync(ct);

    /// <summary>Stores the bytes under the key unless a pack is already stored there; returns what is stored.</summary>
    public static async Task<StoredFileInfo> SaveAsync(this KpiDbContext db, StoredFileKey key, byte[] content, string contentType, DateTime now,
        CancellationToken ct = default)
    {
        if (await db.FindAsync(key, ct) is { } stored) return stored;
        var row = new StoredFile
        {
            Report = key.Report, Period = key.Period, Subject = key.Subject, Version = key.Version, Language = key.Language, Format = key.Format,
            ContentType = contentType, Sha256 = Sha256(content), Size = content.LongLength, CreatedAt = now, Content = content,
        };
        db.StoredFiles.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (StorageErrors.IsUniqueViolation(e))
        {
            db.Entry(row).State = EntityState.Detached;
            return await db.FindAsync(key, ct) ?? throw new InvalidOperationException($"Pack {key} was stored by another render and then vanished.", e);
        }
        db.Entry(row).State = EntityState.Detached;
        return new StoredFileInfo(row.Id, key, row.ContentType, row.Sha256, row.Size, row.CreatedAt);
    }

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
