using Kpi.Domain.Records;

namespace Kpi.Ingestion.Files;

/// <summary>
/// Checks a file's header (a CSV's first line, an XLSX's row 1) against the kind's columns and maps each position of
/// the file onto the kind's column order. Every problem is named at once, so one round of fixing is enough; a long
/// list names its first few and counts the rest, so that the message stays readable whatever the header holds.
/// </summary>
internal static class HeaderCheck
{
    /// <summary>Marks a position whose header is empty: spreadsheets leave such columns behind; their cells must stay empty.</summary>
    public const int Unnamed = -1;

    /// <returns>For each position of the header, the index of its column in <paramref name="columns"/>, or <see cref="Unnamed"/>.</returns>
    public static int[] Map(IReadOnlyList<string?> header, ImportColumns columns, string fileName, string where)
    {
        var map = new int[header.Count];
        var seen = new bool[columns.Count];
        var unknown = new List<string>();
        var duplicated = new List<string>();
        for (var p = 0; p < header.Count; p++)
        {
            var name = header[p]?.Trim() ?? "";
            if (name.Length == 0) { map[p] = Unnamed; continue; }
            var i = columns.IndexOf(name);
            if (i < 0) { unknown.Add(name); map[p] = Unnamed; continue; }
            if (seen[i]) duplicated.Add(name);
            seen[i] = true;
            map[p] = i;
        }
        var missing = columns.Names.Where((name, i) => !seen[i] && !columns.Kind.IsOptional(name)).ToList();
        if (!seen.Any(s => s) && unknown.Count == 0)
            throw new FileRefusedException(fileName, $"{where} has no column names; expected {columns}", 1);

        var problems = new List<string>();
        if (missing.Count > 0) problems.Add(Named("missing", missing));
        if (unknown.Count > 0) problems.Add(Named("unknown", unknown));
        if (duplicated.Count > 0) problems.Add(Named("duplicated", duplicated));
        if (problems.Count > 0)
        {
            throw new FileRefusedException(fileName,
                $"{where} does not match the {columns.Kind.Name()} columns: {string.Join("; ", problems)}. Expected {columns}", 1);
        }
        return map;
    }

    private static string Named(string what, List<string> names) =>
        $"{what} column{(ImportText.CountDistinct(names) == 1 ? "" : "s")} {ImportText.QuoteList(names)}";
}
