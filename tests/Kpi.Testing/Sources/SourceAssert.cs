using Kpi.Storage.Sources;
using Xunit;

namespace Kpi.Testing.Sources;

public static class SourceAssert
{
    /// <summary>The run succeeded; when it did not, the failure says why the run says it failed, not only that it did.</summary>
    public static void Succeeded(SourceRun run) =>
        Assert.True(run.Status == SourceRunStatus.Succeeded, $"Source run {run.Id} of '{run.SourceName}' ended {run.Status}: {run.Error}");
}
