using System.Text;
using Kpi.Domain.Periods;
using Kpi.Domain.Records;
using Kpi.Ingestion.Files;

namespace Kpi.Ingestion.Tests.Files;

public sealed class JsonImportFileTests
{
    private static List<ImportRow> Read(string json, RecordKind kind = RecordKind.Measurements, string name = "data.json", ImportFileOptions? options = null)
    {
        using var file = ImportFile.Open(new MemoryStream(Encoding.UTF8.GetBytes(json)), name, kind, "application/json", options);
        Assert.Equal(ImportFormat.Json, file.Format);
        return [.. file.ReadRows()];
    }

    [Fact]
    public void Numbers_KeepTheirExactSourceText()
    {
        var rows = Read("""[{"record_id":"M1","department":"FIN","metric":"cash_days","date":"2026-10-01","numerator":12345678901234567890.123,"denominator":0.1}]""");

        var row = Assert.Single(rows);
        Assert.Equal("12345678901234567890.123", row.Get("numerator"));
        Assert.Equal("0.1", row.Get("denominator"));
        var parsed = RecordParser.Parse(RecordKind.Measurements, row.Get, CompanyTimeZone.Default);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        Assert.Equal(12345678901234567890.123m, ((MeasurementRecord)parsed.Record!).Numerator);
    }

    [Theory]
    [InlineData("1e3", "1e3")]
    [InlineData("-0.30000000000000004", "-0.30000000000000004")]
    [InlineData("true", "true")]
    [InlineData("false", "false")]
    [InlineData("null", null)]
    [InlineData("\"  padded \"", "padded")]
    [InlineData("\"\"", null)]
    [InlineData("\"\\u751f\\u4ea7\"", "生产")]
    public void Values_AreTextAsWritten(string json, string? expected)
    {
        var row = Assert.Single(Read($$"""[{"record_id":"M1","numerator":{{json}}}]"""));

        Assert.Equal(expected, row.Get("numerator"));
        Assert.Empty(row.Errors);
    }

    [Fact]
    public void AnOmittedColumn_IsAbsent_NotAnError()
    {
        var row = Assert.Single(Read("""[{"record_id":"M1","department":"FIN","metric":"m","date":"2026-10-01","numerator":1}]"""));

        Assert.Null(row.Get("denominator"));
        Assert.Empty(row.Errors);
    }

    [Fact]
    public void RowLines_AreTheTextLinesWhereTheirObjectsStart_InAPrettyPrintedArray()
    {
        var json = """
            [
              {
                "record_id": "P1",
                "department": "PRD",
                "date": "2026-10-01",
                "planned_qty": 100,
                "actual_qty": 98
              },
              {
                "record_id": "P2", "department": "PRD",
                "date": "2026-10-02", "planned_qty": 100, "actual_qty": 99
              },
              { "record_id": "P3", "department": "PRD", "date": "2026-10-03", "planned_qty": 100, "actual_qty": 97 }
            ]
            """;

        var rows = Read(json, RecordKind.Production);

        Assert.Equal([2, 9, 13], rows.Select(r => r.Line));
    }

    [Fact]
    public void LineNumbers_StayRightAcrossBufferRefills()
    {
        var sb = new StringBuilder("\uFEFF[\n");
        for (var i = 1; i <= 5000; i++)
        {
            sb.Append("  {\n    \"record_id\": \"P").Append(i).Append("\",\n    \"department\": \"PRD\",\n    \"date\": \"2026-10-01\",\n")
              .Append("    \"planned_qty\": ").Append(i).Append(",\n    \"actual_qty\": ").Append(i).Append("\n  }")
              .Append(i < 5000 ? ",\n" : "\n");
        }
        sb.Append("]\n");

        var rows = Read(sb.ToString(), RecordKind.Production);

        Assert.Equal(5000, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(2 + 7 * i, rows[i].Line);
            Assert.Equal((i + 1).ToString(), rows[i].Get("planned_qty"));
        }
    }

    [Fact]
    public void AnElementThatIsNotAnObject_IsARowError_AndLaterRowsStillCome()
    {
        var json = "[\n{\"record_id\":\"M1\"},\n42,\n[1, {\"a\": [2]}],\n\"text\",\n{\"record_id\":\"M2\"}\n]";

        var rows = Read(json);

        Assert.Equal(5, rows.Count);
        Assert.Empty(rows[0].Errors);
        Assert.Equal(new RowError(3, null, "is a number, not an object with the record's columns"), Assert.Single(rows[1].Errors));
        Assert.Equal(new RowError(4, null, "is an array, not an object with the record's columns"), Assert.Single(rows[2].Errors));
        Assert.Equal(new RowError(5, null, "is a string, not an object with the record's columns"), Assert.Single(rows[3].Errors));
        Assert.Equal("42", rows[1].OriginalText);
        Assert.Equal("M2", rows[4].Get("record_id"));
        Assert.Empty(rows[4].Errors);
    }

    [Fact]
    public void AValueThatIsAnObjectOrArray_IsARowError_AndTheRestOfTheObjectIsRead()
    {
        var rows = Read("""[{"record_id":"M1","numerator":{"value":1,"deep":[1,[2]]},"denominator":[1,2],"metric":"m"},{"record_id":"M2"}]""");

        Assert.Equal(
            [new RowError(1, "numerator", "is an object, not a single value"), new RowError(1, "denominator", "is an array, not a single value")],
            rows[0].Errors);
        Assert.Equal("m", rows[0].Get("metric"));
        Assert.Equal("M2", rows[1].Get("record_id"));
    }

    [Fact]
    public void MalformedJsonAfterSomeRows_RefusesTheFile_AtItsLine()
    {
        var json = "[\n{\"record_id\":\"M1\"},\n{\"record_id\":\"M2\"},\n{\"record_id\": M3}\n]";
        using var file = ImportFile.Open(new MemoryStream(Encoding.UTF8.GetBytes(json)), "broken.json", RecordKind.Measurements);
        var seen = new List<string?>();

        var e = Assert.Throws<FileRefusedException>(() => { foreach (var row in file.ReadRows()) seen.Add(row.Get("record_id")); });

        Assert.Equal(["M1", "M2"], seen);
        Assert.Equal(4, e.Line);
        Assert.StartsWith("File 'broken.json' is refused: it is not valid JSON", e.Message);
        Assert.EndsWith("(line 4).", e.Message);
    }

    [Fact]
    public void MalformedJsonFarIntoALargeFile_IsRefused_AtItsLine()
    {
        var sb = new StringBuilder("[\n");
        for (var i = 0; i < 3000; i++) sb.Append("  {\"record_id\": \"M").Append(i).Append("\", \"numerator\": 1},\n");
        sb.Append("  {\"record_id\": \"M3000\", \"numerator\": 1,}\n]\n");

        var e = Assert.Throws<FileRefusedException>(() => Read(sb.ToString()));

        Assert.Equal(3002, e.Line);
    }

    [Theory]
    [InlineData("[{\"record_id\":\"M1\",}]", "not valid JSON")]
    [InlineData("[{\"record_id\":\"M1\"}", "not valid JSON")]
    [InlineData("[{\"record_id\":\"M1\"}] trailing", "not valid JSON")]
    [InlineData("{\"record_id\":\"M1\"}", "single object")]
    [InlineData("[ // comment\n]", "not valid JSON")]
    public void MalformedJson_RefusesTheFile(string json, string problem)
    {
        var e = Assert.Throws<FileRefusedException>(() => Read(json));

        Assert.Contains(problem, e.Problem);
        Assert.Contains("'data.json'", e.Message);
    }

    [Fact]
    public void AnUnknownProperty_RefusesTheFile()
    {
        var e = Assert.Throws<FileRefusedException>(() => Read("[\n{\"record_id\":\"M1\"},\n{\"record_id\":\"M2\",\"remark\":\"x\"}\n]"));

        Assert.Equal("the object starting at line 3 has the property 'remark', which is not a measurements column; " +
                     "expected record_id,department,metric,date,numerator,denominator", e.Problem);
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void ARepeatedProperty_RefusesTheFile_EvenWhenItWasNull()
    {
        var e = Assert.Throws<FileRefusedException>(() => Read("""[{"record_id":null,"record_id":"M1"}]"""));

        Assert.Contains("has the property 'record_id' twice", e.Problem);
    }

    [Fact]
    public void AnEmptyArray_IsAFileWithNoRows()
    {
        Assert.Empty(Read(" [ ] "));
    }

    [Fact]
    public void AValueLongerThanTheLimit_IsARowError()
    {
        var rows = Read($$"""[{"record_id":"{{new string('x', 30)}}"},{"record_id":"M2"}]""", options: new ImportFileOptions { MaxFieldLength = 20 });

        Assert.Equal(new RowError(1, "record_id", "is longer than 20 characters"), Assert.Single(rows[0].Errors));
        Assert.Empty(rows[1].Errors);
    }

    [Fact]
    public void GbkText_IsRefused_BecauseJsonIsUtf8()
    {
        var bytes = Encoding.UTF8.GetBytes("[{\"record_id\":\"M1\",\"metric\":\"").Concat(Encodings.Gbk.GetBytes("生产部")).Concat("\"}]"u8.ToArray()).ToArray();

        var e = Assert.Throws<FileRefusedException>(() =>
        {
            using var file = ImportFile.Open(new MemoryStream(bytes), "gbk.json", RecordKind.Measurements);
            return file.ReadRows().ToList();
        });

        Assert.Contains("UTF-8", e.Problem);
    }

    [Fact]
    public void OriginalText_JoinsTheValuesAsACsvLine()
    {
        var row = Assert.Single(Read("""[{"record_id":"M1","department":"FIN","metric":"a,b","numerator":1}]"""));

        Assert.Equal("M1,FIN,\"a,b\",,1,", row.OriginalText);
    }
}
