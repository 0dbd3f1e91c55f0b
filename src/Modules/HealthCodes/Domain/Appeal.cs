using Yiwang.HealthCodes.Features;

namespace Yiwang.HealthCodes.Domain;

internal enum AppealStatus
{
    Open,
    Answered,
}

/// <summary>Keeps the colour and reasons as shown at filing. Community and street are the person's at filing, so the
/// officers' queue pages by scope in SQL.</summary>
internal sealed class Appeal
{
    public const int MinTextLength = 10;
    public const int MaxTextLength = 1000;
    public const int MaxAnswerLength = 2000;

    public Guid Id { get; set; }

    public Guid PersonId { get; set; }

    public string FiledBy { get; set; } = "";

    public DateTimeOffset FiledAt { get; set; }

    public CodeColour Colour { get; set; }

    /// <summary>The reasons at filing (JSON, as in <see cref="PersonColour.ReasonsJson"/>).</summary>
    public string ReasonsJson { get; set; } = "[]";

    public string Text { get; set; } = "";

    public AppealStatus Status { get; set; }

    public string? Answer { get; set; }

    public string? AnsweredBy { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }

    public string CommunityCode { get; set; } = "";

    public string StreetCode { get; set; } = "";

    public uint Version { get; set; }
}
