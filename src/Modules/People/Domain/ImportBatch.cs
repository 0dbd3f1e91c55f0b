namespace Yiwang.People.Domain;

/// <summary>One intake run (an API batch, an uploaded file, a CLI import) and what came of it.</summary>
internal sealed class ImportBatch
{
    public Guid Id { get; set; }

    public Guid SourceSystemId { get; set; }

    public string Channel { get; set; } = "";

    public string? FileName { get; set; }

    public ImportStatus Status { get; set; }

    public long Rows { get; set; }

    public long Created { get; set; }

    public long Updated { get; set; }

    public long Unchanged { get; set; }

    public long Rejected { get; set; }

    public long NeedsReview { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public string By { get; set; } = "";

    public string? Error { get; set; }
}

internal enum ImportStatus
{
    Running,
    Completed,
    Refused,
}
