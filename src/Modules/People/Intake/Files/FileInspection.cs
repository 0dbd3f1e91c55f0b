namespace Yiwang.People.Intake.Files;

/// <summary>What the mapping step shows before anything is imported: the header, a suggested mapping and
/// the first rows as text.</summary>
internal sealed record FileInspection(
    FileFormat Format,
    string? EncodingName,
    IReadOnlyList<string> Headers,
    ColumnMapping SuggestedMapping,
    IReadOnlyList<string[]> PreviewRows,
    long? DataRowCount,
    IReadOnlyList<long> PreviewRowNumbers);
