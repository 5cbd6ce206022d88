using System.Xml.Linq;

namespace Kpi.Domain.Tests.Architecture;

/// <summary>
/// The layout of the solution, read from the project files themselves: the domain references nothing, no project
/// under src references an executable, the demo company is referenced by the hosts alone, and test projects share
/// helpers through Kpi.Testing rather than by linking each other's files. A new project needs a line in
/// <see cref="AllowedReferences"/>, which is the decision to write down.
/// </summary>
public sealed class ProjectGraphTests
{
    /// <summary>Every project under src, with the projects it may reference directly.</summary>
    private static readonly Dictionary<string, string[]> AllowedReferences = new()
    {
        ["Kpi.Domain"] = [],
        ["Kpi.Storage"] = ["Kpi.Domain"],
        ["Kpi.Ingestion"] = ["Kpi.Storage"],
        ["Kpi.Reporting"] = ["Kpi.Domain"],
        ["Kpi.Delivery"] = ["Kpi.Storage", "Kpi.Reporting"],
        ["Kpi.Jobs"] = ["Kpi.Ingestion", "Kpi.Reporting", "Kpi.Delivery"],
        ["Kpi.Demo"] = ["Kpi.Jobs"],
        ["Kpi.Api"] = ["Kpi.Jobs", "Kpi.Demo"],
        ["Kpi.Worker"] = ["Kpi.Jobs"],
    };

    private static readonly string[] Hosts = ["Kpi.Api", "Kpi.Worker"];

    [Fact]
    public void EverySourceProject_ReferencesOnlyWhatTheLayoutAllows()
    {
        foreach (var project in Projects("src"))
        {
            Assert.True(AllowedReferences.TryGetValue(project.Name, out var allowed),
                $"{project.Name} is not in the layout: add it to {nameof(AllowedReferences)} with the projects it may reference");
            var unexpected = project.References.Except(allowed).ToList();
            Assert.True(unexpected.Count == 0, $"{project.Name} references {string.Join(", ", unexpected)}, which the layout does not allow");
        }
    }

    [Fact]
    public void Domain_ReferencesNoProjectNoPackageNoFramework()
    {
        var domain = XDocument.Load(Path.Combine(Root, "src", "Kpi.Domain", "Kpi.Domain.csproj"));
        var references = domain.Descendants().Where(e => e.Name.LocalName is "ProjectReference" or "PackageReference" or "FrameworkReference").ToList();
        Assert.True(references.Count == 0, $"Kpi.Domain references {string.Join(", ", references.Select(r => r.Attribute("Include")?.Value))}");
    }

    [Fact]
    public void NoSourceProject_ReferencesAnExecutable()
    {
        var executables = Projects("src").Where(p => p.IsExecutable).Select(p => p.Name).ToHashSet();
        Assert.Equal(Hosts.Order(), executables.Order());
        foreach (var project in Projects("src"))
            Assert.DoesNotContain(project.References, executables.Contains);
    }

    [Fact]
    public void DemoCompany_IsReferencedByHostsOnly()
    {
        var referencing = Projects("src").Where(p => p.References.Contains("Kpi.Demo")).Select(p => p.Name);
        Assert.All(referencing, name => Assert.Contains(name, Hosts));
    }

    [Fact]
    public void TestProjects_LinkNoFilesOfOtherProjects()
    {
        foreach (var path in Directory.EnumerateFiles(Path.Combine(Root, "tests"), "*.csproj", SearchOption.AllDirectories))
        {
            var linked = XDocument.Load(path).Descendants()
                .Where(e => e.Name.LocalName == "Compile" && e.Attribute("Include")?.Value.Contains("..", StringComparison.Ordinal) == true)
                .Select(e => e.Attribute("Include")!.Value).ToList();
            Assert.True(linked.Count == 0, $"{Path.GetFileName(path)} links {string.Join(", ", linked)}: share it through Kpi.Testing");
        }
    }

    private sealed record Project(string Name, bool IsExecutable, IReadOnlyList<string> References);

    private static IEnumerable<Project> Projects(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Root, folder), "*.csproj", SearchOption.AllDirectories).Select(path =>
        {
            var xml = XDocument.Load(path);
            var sdk = xml.Root?.Attribute("Sdk")?.Value ?? "";
            var outputType = xml.Descendants().FirstOrDefault(e => e.Name.LocalName == "OutputType")?.Value;
            var executable = sdk is "Microsoft.NET.Sdk.Web" or "Microsoft.NET.Sdk.Worker" || outputType is "Exe" or "WinExe";
            var references = xml.Descendants().Where(e => e.Name.LocalName == "ProjectReference")
                .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/'))).ToList();
            return new Project(Path.GetFileNameWithoutExtension(path), executable, references);
        });

    /// <summary>The repository: the folder holding Kpi.sln, found upwards from the test's output folder.</summary>
    private static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Kpi.sln"))) return dir.FullName;
            throw new InvalidOperationException("Kpi.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
