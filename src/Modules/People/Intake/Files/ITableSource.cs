namespace Yiwang.People.Intake.Files;

/// <summary>The rows of one table (a CSV file, the first worksheet) as a forward-only cursor, before any
/// mapping: every spreadsheet row in order, blank ones included, so row numbers stay true.</summary>
internal interface ITableSource : IDisposable
{
    /// <summary>Advances to the next row; false at the end.</summary>
    bool Read();

    /// <summary>The row number a person sees in Excel for the current row (1-based).</summary>
    long RowNumber { get; }

    /// <summary>How many cells the current row has, empty ones included; may exceed the header.</summary>
    int CellCount { get; }

    /// <summary>The trimmed text of a cell, null when it is empty or missing. <paramref name="dateOnly"/>
    /// drops the time of day from date cells, for fields that are dates.</summary>
    string? GetText(int column, bool dateOnly);

    /// <summary>True when the first <paramref name="width"/> cells are all empty or white space.</summary>
    bool IsBlank(int width);
}
