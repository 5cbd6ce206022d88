using Kpi.Storage.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Kpi.Storage.Bulk;

/// <summary>
/// A record table's name and columns, read from the EF model so that the bulk paths and the migrations can never
/// disagree about names or types. Value columns are the ones a re-import compares to decide "unchanged".
/// </summary>
internal sealed class RecordColumns
{
    public const string ChangedAt = nameof(RecordRow.ChangedAt);
    public const string RunId = nameof(RecordRow.RunId);
    public const string RecordId = nameof(RecordRow.RecordId);

    private RecordColumns(string table, IReadOnlyList<Column> columns)
    {
        Table = table;
        All = columns;
        Key = columns.Single(c => c.Property.Name == RecordId);
        Values = columns.Where(c => c.Property.Name is not (RecordId or ChangedAt or RunId)).ToList();
    }

    public string Table { get; }
    public IReadOnlyList<Column> All { get; }
    public Column Key { get; }
    /// <summary>The columns that carry the record's content (department included), not its bookkeeping.</summary>
    public IReadOnlyList<Column> Values { get; }

    public static RecordColumns For(KpiDbContext db, Type rowType)
    {
        var entity = db.Model.FindEntityType(rowType) ?? throw new InvalidOperationException($"{rowType.Name} is not mapped.");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var columns = entity.GetProperties()
            .Select(p => new Column(p, Quote(p.GetColumnName(store)!), p.GetRelationalTypeMapping(), p.GetGetter()))
            .ToList();
        return new RecordColumns(Quote(table), columns);
    }

    private static string Quote(string name) => $"\"{name}\"";

    public sealed record Column(IProperty Property, string Name, RelationalTypeMapping Mapping, IClrPropertyGetter Getter)
    {
        public object? ValueOf(RecordRow row) => Getter.GetClrValue(row);
        public Type ClrType => Nullable.GetUnderlyingType(Property.ClrType) ?? Property.ClrType;
    }
}
