namespace Yiwang.Command.Domain;

/// <summary>指令: a directive from a unit (the district) to units below it, optionally a meeting notice.</summary>
internal sealed class Directive
{
    public Guid Id { get; set; }

    public string Title { get; set; } = "";

    public string Body { get; set; } = "";

    /// <summary>The issuing unit (the issuer's scope code).</summary>
    public string IssuerUnitCode { get; set; } = "";

    public string IssuedBy { get; set; } = "";

    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>Meeting notice: when the meeting starts (null = no meeting).</summary>
    public DateTimeOffset? MeetingAt { get; set; }

    /// <summary>Meeting notice: the video-meeting link (http or https).</summary>
    public string? MeetingLink { get; set; }

    public int RecipientCount { get; set; }
}

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
