namespace Yiwang.People.Intake.Files;

/// <summary>The table formats an intake file may be in, as told by its content, not its name.</summary>
internal enum FileFormat
{
    /// <summary>Delimited text in UTF-8 or GB18030/GBK.</summary>
    Csv,

    /// <summary>Office Open XML workbook (.xlsx); only its first worksheet is read.</summary>
    Xlsx,
}
