namespace Yiwang.People.Domain;

/// <summary>A row of the validation report: which row, which field, why (Chinese and English).</summary>
internal sealed class ImportRejection
{
    public long Id { get; set; }

    public Guid BatchId { get; set; }

    public long RowNumber { get; set; }

    public string Field { get; set; } = "";

    public string Code { get; set; } = "";

    public string Zh { get; set; } = "";

    public string En { get; set; } = "";
}
