namespace Yiwang.People.Intake;

/// <summary>Why one row was not taken: row number, field, a stable code and the reason in Chinese and English.</summary>
internal sealed record Rejection(long RowNumber, string Field, string Code, string Zh, string En);
