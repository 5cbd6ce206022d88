using Kpi.Domain.Records;
using Kpi.Ingestion.Imports;

namespace Kpi.Api.Auth;

/// <summary>
/// A departments import may set heads, and a head widens a manager's scope: this host forgets the heads it keeps at
/// once, as <c>PUT /api/departments/{code}/head</c> makes it (other hosts, and imports run by a worker, within
/// <see cref="AccessCache.Lifetime"/>).
/// </summary>
public sealed class HeadsImported(AccessCache cache) : IImportCommitted
{
    public void Committed(ImportOutcome outcome)
    {
        if (outcome.Kind == RecordKind.Departments) cache.ForgetHeads();
    }
}
