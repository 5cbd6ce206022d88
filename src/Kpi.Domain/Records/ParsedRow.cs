namespace Kpi.Domain.Records;

/// <summary>
/// The result of parsing one row: either a record (a <see cref="SourceRecord"/>, or a
/// <see cref="Organisation.Department"/> for the departments kind) or the errors that refuse it.
/// </summary>
public sealed record ParsedRow(object? Record, IReadOnlyList<FieldError> Errors)
{
    public bool IsValid => Record is not null && Errors.Count == 0;
}
