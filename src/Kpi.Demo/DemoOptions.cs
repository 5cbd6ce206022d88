namespace Kpi.Demo;

/// <summary>The <c>Kpi:Demo</c> configuration section.</summary>
public sealed class DemoOptions
{
    public const string Section = "Kpi:Demo";

    /// <summary>Seed the demo company into an empty database on start.</summary>
    public bool Seed { get; set; } = true;

    /// <summary>
    /// Where workers reach the demo MES that the API serves at <c>/demo/mes/production</c>: the API's base address as
    /// other machines see it (<c>http://kpi-api.internal:5080</c>). By default the API's own first URL, which works
    /// while every worker runs on the API's machine; with workers on other machines, set it or the demo-mes pulls fail
    /// (honestly, in the source's run history).
    /// </summary>
    public string? MesUrl { get; set; }
}
