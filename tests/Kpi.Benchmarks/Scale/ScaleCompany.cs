using Kpi.Domain.Organisation;
using Kpi.Storage;
using Kpi.Storage.Organisation;

namespace Kpi.Benchmarks.Scale;

/// <summary>The company the metric and pack scenarios measure: a root, 10 divisions of 19 workshops (201 departments).</summary>
internal static class ScaleCompany
{
    private const int Divisions = 10;
    private const int WorkshopsPerDivision = 19;

    /// <summary>Stores the org tree and returns every department, parents first, and the workshop codes (where the records go).</summary>
    public static async Task<(List<Department> Departments, List<string> Workshops)> CreateAsync(KpiDbContext db, DateTime now)
    {
        var departments = new List<Department> { new("ROOT", "示例集团") };
        var workshops = new List<string>();
        for (var d = 0; d < Divisions; d++)
        {
            departments.Add(new Department($"DIV{d:D2}", $"第{d + 1}事业部", "ROOT"));
            for (var w = 0; w < WorkshopsPerDivision; w++)
            {
                var code = $"W{d:D2}{w:D2}";
                departments.Add(new Department(code, $"{d + 1}部{w + 1}车间", $"DIV{d:D2}"));
                workshops.Add(code);
            }
        }
        await DepartmentMerge.MergeAsync(db, departments.Select((d, i) => new DepartmentLine(i + 2, d)).ToList(), now);
        return (departments, workshops);
    }
}
