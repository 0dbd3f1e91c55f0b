namespace Yiwang.Command.Domain;

/// <summary>One addressed unit of a directive: when someone of it first read it and who acknowledged it.</summary>
internal sealed class DirectiveRecipient
{
    public Guid DirectiveId { get; set; }

    public string UnitCode { get; set; } = "";

    /// <summary>Copied from the directive so an inbox is one index range.</summary>
    public DateTimeOffset IssuedAt { get; set; }

    public DateTimeOffset? ReadAt { get; set; }

    public string? ReadBy { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    public string? AcknowledgedBy { get; set; }
}
