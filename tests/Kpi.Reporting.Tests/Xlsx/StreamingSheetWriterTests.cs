using Kpi.Domain.Access;
using ClosedXML.Excel;
using Kpi.Reporting.Xlsx;

namespace Kpi.Reporting.Tests.Xlsx;

public class StreamingSheetWriterTests
{
    private static readonly SheetColumn[] Columns =
    [
        new("来源", SheetValueKind.Text, 30),
        new("行号", SheetValueKind.Integer, 8),
        new("数量", SheetValueKind.Decimal),
        new("合格率", SheetValueKind.Percent),
        new("日期", SheetValueKind.Date, 12),
    ];

    [Fact]
    public void Streams_a_sheet_that_reads_back_with_numbers_as_numbers_and_text_as_text()
    {
        var rows = Enumerable.Range(0, 2_000).Select(i => (IReadOnlyList<object?>)
        [
            i == 7 ? "=HYPERLINK(\"http://example.invalid\")" : $"inbox/生产-{i}.csv",
            i,
            12_315.5m + i,
            i == 3 ? null : 0.985m,
            new DateOnly(2026, 10, 1).AddDays(i % 31),
        ]);

        using var output = new MemoryStream();
        StreamingSheetWriter.Write(output, "明细", Columns, rows);

        using var workbook = new XLWorkbook(new MemoryStream(output.ToArray()));
        var ws = workbook.Worksheet("明细");
        Assert.Equal(2_001, ws.LastRowUsed().RowNumber());
        Assert.Equal("合格率", ws.Cell(1, 4).GetString());
        Assert.Equal(1, ws.SheetView.SplitRow);

        var row = ws.Row(2 + 5);
        Assert.Equal("inbox/生产-5.csv", row.Cell(1).GetString());
        Assert.Equal(5, row.Cell(2).GetValue<int>());
        Assert.Equal(12_320.5, row.Cell(3).GetDouble());
        Assert.Equal(XLDataType.Number, row.Cell(4).DataType);
        Assert.Equal(0.985, row.Cell(4).GetDouble());
        Assert.Equal("0.0%", row.Cell(4).Style.NumberFormat.Format);
        Assert.Equal(new DateTime(2026, 10, 6), row.Cell(5).GetDateTime());
        Assert.True(ws.Cell(2 + 3, 4).IsEmpty());

        var injected = ws.Cell(2 + 7, 1);
        Assert.False(injected.HasFormula);
        Assert.Equal("=HYPERLINK(\"http://example.invalid\")", injected.GetString());
    }

    [Fact]
    public void Writes_to_a_stream_that_cannot_seek_and_gives_the_same_bytes_for_the_same_rows()
    {
        byte[] Render()
        {
            using var buffer = new MemoryStream();
            using (var forwardOnly = new ForwardOnlyStream(buffer))
            {
                StreamingSheetWriter.Write(forwardOnly, "rows", Columns, [["a", 1, 2.5m, 0.5m, new DateOnly(2026, 10, 31)]]);
            }
            return buffer.ToArray();
        }

        var first = Render();
        Assert.Equal(first, Render());
        using var workbook = new XLWorkbook(new MemoryStream(first));
        Assert.Equal(new DateTime(2026, 10, 31), workbook.Worksheet("rows").Cell(2, 5).GetDateTime());
    }

    /// <summary>A write-only, non-seekable view of a stream, like an HTTP response body.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        private long _written;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _written; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            _written += count;
        }
    }

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(701, "ZZ")]
    [InlineData(702, "AAA")]
    public void Column_letters(int index, string letters) => Assert.Equal(letters, StreamingSheetWriter.ColumnLetters(index));
}
