namespace Yiwang.People.Intake;

/// <summary>One row as read from a file or a JSON batch, after column mapping: <see cref="Values"/> is indexed by
/// <see cref="IntakeField"/>; null where the source has no such column or the cell is empty.
/// <see cref="RowNumber"/> is what a person sees in the source (the spreadsheet row, the batch position).</summary>
internal sealed record RawRow(long RowNumber, string?[] Values)
{
    public static int FieldCount { get; } = Enum.GetValues<IntakeField>().Length;

    public string? this[IntakeField field] => Values[(int)field];
}
