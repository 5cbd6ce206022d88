namespace Kpi.Domain.Records;

/// <summary>Why one value of a row was refused: the column it is in and a reason a person can act on.</summary>
public sealed record FieldError(string Column, string Reason);

/// <summary>
/// The result of parsing one row: either a record (a <see cref="SourceRecord"/>, or a
/// <see cref="Organisation.Department"/> for the departments kind) or the errors that refuse it.
/// </summary>
public sealed record ParsedRow(object? Record, IReadOnlyList<FieldError> Errors)
{
    public bool IsValid => Record is not null && Errors.Count == 0;
}
