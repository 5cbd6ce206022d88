using Kpi.Domain.Organisation;
using Kpi.Domain.Periods;
using Kpi.Ingestion.Imports;
using Kpi.Storage;
using Kpi.Storage.Organisation;
using Kpi.Testing.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kpi.Ingestion.Tests.Imports;

/// <summary>A fresh database with one department, <c>W1</c>, and importers on it.</summary>
internal static class ImporterDatabase
{
    public static readonly ImportOrigin Upload = new("upload", "admin");

    public static async Task<TestDatabase> CreateAsync(DatabaseFixture databases, DatabaseProvider provider, string name)
    {
        var database = await databases.CreateAsync(provider, name);
        await using var db = database.NewContext();
        await DepartmentMerge.MergeAsync(db, [new DepartmentLine(2, new Department("W1", "一车间"))], DateTime.UtcNow);
        return database;
    }

    public static RecordImporter Importer(KpiDbContext db, TimeProvider? clock = null, params IImportCommitted[] listeners) =>
        new(db, CompanyTimeZone.Default, clock ?? TimeProvider.System, listeners, NullLogger<RecordImporter>.Instance);
}

/// <summary>A clock that says what the test tells it.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>Counts the bytes read through it: how far a reader got into a file.</summary>
internal sealed class CountingStream(Stream inner) : Stream
{
    public long BytesRead { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = inner.Read(buffer, offset, count);
        BytesRead += n;
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
