namespace Kpi.Reporting.Pdf;

/// <summary>
/// The PDF's document information. <see cref="Created"/> comes from the report model, never from the clock, so the same
/// model renders to the same bytes (a stored pack is downloaded again byte for byte).
/// </summary>
public sealed record DocumentInfo(string Title, string Author, string Subject, string Keywords, DateTimeOffset Created)
{
    public const string Creator = "Kpi";
}
