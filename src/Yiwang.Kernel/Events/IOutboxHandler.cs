namespace Yiwang.Kernel.Events;

/// <summary>
/// Reacts to one topic of events. Modules register handlers in DI; the publisher does not know them.
/// Delivery is at least once: a handler must be idempotent.
/// </summary>
public interface IOutboxHandler
{
    string Topic { get; }

    Task HandleAsync(string payload, IServiceProvider services, CancellationToken ct);
}
