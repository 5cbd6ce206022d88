namespace Kpi.Jobs.Appraisal;

/// <summary>No template, cycle or appraisal by that key: the API answers 404 with the message.</summary>
public sealed class AppraisalNotFoundException(string message) : Exception(message)
{
    public static AppraisalNotFoundException Cycle(long id) => new($"There is no appraisal cycle {id}.");
    public static AppraisalNotFoundException Appraisal(long id) => new($"There is no appraisal {id}.");
    public static AppraisalNotFoundException Template(string code) => new($"There is no appraisal template '{code}'.");
}
