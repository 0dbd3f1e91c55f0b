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
