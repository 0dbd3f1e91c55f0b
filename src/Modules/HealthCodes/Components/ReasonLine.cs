namespace Yiwang.HealthCodes.Components;

/// <summary>One reason as <see cref="ReasonList"/> shows it (components' parameters must be public types).</summary>
public sealed record ReasonLine(string RuleId, string Colour, string Text, DateTimeOffset Since, DateTimeOffset? Until);
