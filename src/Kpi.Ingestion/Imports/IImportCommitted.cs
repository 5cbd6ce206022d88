namespace Kpi.Ingestion.Imports;

/// <summary>
/// Told after an import committed new or changed records, whichever path they came by (an upload, a source pull):
/// what depends on stored records — a closed month's restatement — reacts here, not in each caller of the importer.
/// </summary>
public interface IImportCommitted
{
    void Committed(ImportOutcome outcome);
}
