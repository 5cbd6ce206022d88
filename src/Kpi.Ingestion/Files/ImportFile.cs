using Kpi.Domain.Records;

namespace Kpi.Ingestion.Files;

/// <summary>
/// An import file opened for reading: its format is known and its header has been checked against the kind, so
/// <see cref="ReadRows"/> yields data rows only. Rows are streamed: a file is read once, front to back.
/// </summary>
/// <example>
/// <code>
/// using var file = ImportFile.Open(body, "production-2026-10.csv", RecordKind.Production, "text/csv");
/// foreach (var row in file.ReadRows())
///     if (!row.HasErrors) { var parsed = RecordParser.Parse(file.Kind, row.Get, zone); … }
/// </code>
/// </example>
public abstract class ImportFile : IDisposable
{
    private readonly List<IDisposable> _owned = [];
    private bool _read;

    private protected ImportFile(string fileName, RecordKind kind, ImportFormat format, ImportFileOptions options)
    {
        FileName = fileName;
        Kind = kind;
        Format = format;
        Options = options;
        Columns = new ImportColumns(kind);
    }

    public string FileName { get; }

    public RecordKind Kind { get; }

    public ImportFormat Format { get; }

    /// <summary>The columns every row of this file is read into, in the kind's contract order.</summary>
    public ImportColumns Columns { get; }

    internal ImportFileOptions Options { get; }

    /// <summary>
    /// Opens an import file from a stream the caller owns (and closes). The format is the one declared by
    /// <paramref name="contentType"/>, else by the extension of <paramref name="fileName"/>, else the one its bytes show.
    /// </summary>
    /// <exception cref="FileRefusedException">The file is empty, not CSV/XLSX/JSON, not the format it was declared as, or its header does not match the kind.</exception>
    public static ImportFile Open(Stream content, string fileName, RecordKind kind, string? contentType = null, ImportFileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        options ??= ImportFileOptions.Default;

        var head = new byte[ImportFormats.SniffLength];
        var headLength = PeekHead(ref content, head);
        var format = ChooseFormat(head.AsSpan(0, headLength), fileName, contentType);
        return format switch
        {
            ImportFormat.Csv => new CsvImportFile(content, fileName, kind, options),
            ImportFormat.Xlsx => new XlsxImportFile(content, fileName, kind, options),
            ImportFormat.Json => new JsonImportFile(content, fileName, kind, options),
            _ => throw new ArgumentOutOfRangeException(nameof(contentType), format, null),
        };
    }

    /// <summary>Opens a file on disk (the file inbox); the format comes from its extension, else its bytes.</summary>
    public static ImportFile Open(string path, RecordKind kind, ImportFileOptions? options = null)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            var file = Open(stream, Path.GetFileName(path), kind, null, options);
            file.Own(stream);
            return file;
        }
        catch (Exception)
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The data rows, in file order. The file is read as this is enumerated, once.</summary>
    /// <exception cref="FileRefusedException">Thrown during enumeration when the rest of the file turns out unreadable (malformed JSON, an encoding that changes half-way).</exception>
    public IEnumerable<ImportRow> ReadRows()
    {
        if (_read) throw new InvalidOperationException("An import file is streamed: its rows can be read only once.");
        _read = true;
        return ReadRowsOnce();
    }

    private protected abstract IEnumerable<ImportRow> ReadRowsOnce();

    private protected FileRefusedException Refuse(string problem, int? line = null, Exception? inner = null) =>
        new(FileName, problem, line, inner);

    /// <summary>Closes what this file opened itself (a stream on a path, a temporary copy); never the caller's stream.</summary>
    private protected void Own(IDisposable resource) => _owned.Add(resource);

    public void Dispose()
    {
        for (var i = _owned.Count - 1; i >= 0; i--) _owned[i].Dispose();
        _owned.Clear();
        GC.SuppressFinalize(this);
    }

    private static int PeekHead(ref Stream content, byte[] head)
    {
        if (content.CanSeek)
        {
            var start = content.Position;
            var n = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            content.Position = start;
            return n;
        }
        var read = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        content = new PrefixedStream(head, read, content);
        return read;
    }

    private static ImportFormat ChooseFormat(ReadOnlySpan<byte> head, string fileName, string? contentType)
    {
        if (ImportFormats.SkipBomAndWhitespace(head).IsEmpty && head.Length < ImportFormats.SniffLength)
            throw new FileRefusedException(fileName, "the file is empty");
        if (ImportFormats.DescribeUnreadable(head) is { } why) throw new FileRefusedException(fileName, why);

        var declared = ImportFormats.FromContentType(contentType) ?? ImportFormats.FromFileName(fileName);
        var shown = ImportFormats.Sniff(head);
        if (declared is null)
            return shown ?? throw new FileRefusedException(fileName, "it is not a CSV, XLSX or JSON file");

        // A sender's label that contradicts the bytes is refused rather than guessed around: reading a zip as CSV
        // or a CSV as JSON would only produce stranger errors further on.
        if (shown is { } s && s != declared)
            throw new FileRefusedException(fileName, $"it was sent as {Describe(declared.Value)} but its content is {Describe(s)}");
        return declared.Value;
    }

    private static string Describe(ImportFormat format) => format switch
    {
        ImportFormat.Csv => "CSV text",
        ImportFormat.Xlsx => "an XLSX workbook (zip)",
        ImportFormat.Json => "JSON",
        _ => format.ToString(),
    };
}
