namespace Kpi.Domain;

/// <summary>
/// What is wrong with one field of an input, and where: a column of an imported row (<c>actual_qty</c>), a path in a
/// definition (<c>lines[2].weight</c>, <c>options.url</c>). The one validation error of Kpi: rows, scorecards, sources
/// and every API request name their problems with it, and the API answers them all in one 400 shape.
/// </summary>
public sealed record FieldError(string Field, string Reason);
