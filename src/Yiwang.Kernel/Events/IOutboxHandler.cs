namespace Yiwang.Kernel.Events;

/// <summary>Reacts to one topic; delivery is at least once, so a handler must be idempotent.</summary>
public interface IOutboxHandler
{
    string Topic { get; }

    Task HandleAsync(string payload, IServiceProvider services, CancellationToken ct);
}
