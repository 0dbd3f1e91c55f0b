namespace Yiwang.People.Intake.Files;

/// <summary>
/// What the mapping step shows before anything is imported: the header, a suggested mapping and
/// the first rows as text.
/// </summary>
/// <param name="Format">Told by content, not by the file name.</param>
/// <param name="EncodingName">"UTF-8", "UTF-8 (BOM)" or "GB18030" for CSV; null for XLSX.</param>
/// <param name="Headers">The first non-blank row, trimmed; trailing empty header cells dropped.</param>
/// <param name="SuggestedMapping">From header aliases; the user may replace it.</param>
/// <param name="PreviewRows">Up to the requested number of data rows, each as wide as <paramref name="Headers"/>, "" for empty cells.</param>
/// <param name="DataRowCount">Non-blank data rows, when counting was cheap; otherwise null.</param>
/// <param name="PreviewRowNumbers">The spreadsheet row number of each preview row: blank and title rows make them skip.</param>
internal sealed record FileInspection(
    FileFormat Format,
    string? EncodingName,
    IReadOnlyList<string> Headers,
    ColumnMapping SuggestedMapping,
    IReadOnlyList<string[]> PreviewRows,
    long? DataRowCount,
    IReadOnlyList<long> PreviewRowNumbers);
