using Yiwang.Kernel.UseCases;

namespace Yiwang.People.Intake.Files;

/// <summary>A whole file refused: not a table, unreadable encoding, cut off, too wide. Unlike a
/// <see cref="Rejection"/>, which drops one row, this stops the import; callers roll back.</summary>
/// <remarks>
/// <see cref="Code"/> is stable for the API and the UI; the messages may name a row or a column
/// but never a cell's value, because cells hold personal data.
/// </remarks>
internal sealed class IntakeFileException : Exception
{
    public IntakeFileException(string code, Text reason, Exception? innerException = null)
        : base(reason.Bilingual(), innerException)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        Code = code;
        Reason = reason;
    }

    /// <summary>Stable machine code: "not-a-table", "bad-encoding", "truncated", "corrupt", "empty", …</summary>
    public string Code { get; }

    public Text Reason { get; }

    public string Zh => Reason.Render(Text.Chinese);

    public string En => Reason.Render(Text.English);
}
