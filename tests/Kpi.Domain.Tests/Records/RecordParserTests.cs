namespace Kpi.Domain.Tests.Records;

public partial class RecordParserTests
{
    /// <summary>A row of text fields by column name; columns not given are absent.</summary>
    public static Func<string, string?> Row(params (string Column, string Value)[] fields)
    {
        var map = fields.ToDictionary(f => f.Column, f => f.Value, StringComparer.Ordinal);
        return column => map.GetValueOrDefault(column);
    }
}
