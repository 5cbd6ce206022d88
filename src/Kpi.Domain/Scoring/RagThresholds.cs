namespace Kpi.Domain.Scoring;

public enum RagStatus { Green, Amber, Red, NoData }

/// <summary>
/// A line is green at or above <see cref="Green"/> points (by default: target met), amber at or above
/// <see cref="Amber"/>, red below; a triggered veto is always red; a line without data is <see cref="RagStatus.NoData"/>.
/// </summary>
public sealed record RagThresholds(decimal Green = 100m, decimal Amber = 90m)
{
    public static RagThresholds Default { get; } = new();

    public RagStatus For(decimal points) => points >= Green ? RagStatus.Green : points >= Amber ? RagStatus.Amber : RagStatus.Red;
}
