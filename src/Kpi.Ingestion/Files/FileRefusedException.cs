namespace Kpi.Ingestion.Files;

/// <summary>
/// The whole file is refused: it cannot be read as an import of its kind (wrong format, broken zip, malformed JSON,
/// an empty file, or a header that does not match the kind's columns). No row of it should be kept.
/// Row-level problems never throw this: they travel with the row as <see cref="RowError"/>s.
/// </summary>
/// <remarks>
/// Some refusals are found only after rows were already yielded (malformed JSON or an unknown JSON property half-way
/// through), so a caller stores the rows of a file only once the enumeration has completed without this exception.
/// </remarks>
public sealed class FileRefusedException : Exception
{
    public FileRefusedException(string fileName, string problem, int? line = null, Exception? inner = null)
        : base(Compose(fileName, problem, line), inner)
    {
        FileName = fileName;
        Problem = problem;
        Line = line;
    }

    /// <summary>The name the file was uploaded or dropped under.</summary>
    public string FileName { get; }

    /// <summary>What is wrong, without the file name, for a person to act on.</summary>
    public string Problem { get; }

    /// <summary>The 1-based line (CSV, JSON) or sheet row (XLSX) where the problem was found, when it is tied to one.</summary>
    public int? Line { get; }

    // Both come from the file (its name, the header it has): cut, so that no file can make its refusal megabytes long.
    private static string Compose(string fileName, string problem, int? line)
    {
        var name = ImportText.Cut(fileName, 200);
        var what = ImportText.Cut(problem);
        return line is { } l ? $"File '{name}' is refused: {what} (line {l})." : $"File '{name}' is refused: {what}.";
    }
}
