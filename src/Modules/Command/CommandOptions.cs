namespace Yiwang.Command;

/// <summary>Settings of the Command module (<c>Yiwang:Command:*</c>).</summary>
/// <param name="EscalationInterval">How often overdue work is looked for (default 1 minute).</param>
/// <param name="EscalationGrace">The new due time an escalated order gets, from the moment it escalates (default 24 h).</param>
internal sealed record CommandOptions(TimeSpan EscalationInterval, TimeSpan EscalationGrace)
{
    public static CommandOptions Default { get; } = new(TimeSpan.FromMinutes(1), TimeSpan.FromHours(24));
}
