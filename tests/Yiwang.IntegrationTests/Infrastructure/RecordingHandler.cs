using System.Collections.Concurrent;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Contracts.HealthCodes;
using Yiwang.Kernel.Contracts.Command;
using Yiwang.Kernel.Events;

namespace Yiwang.IntegrationTests.Infrastructure;

/// <summary>Stands in for the epidemic module: records every PersonFlagChanged the outbox delivers.</summary>
public sealed class RecordingHandler : IOutboxHandler
{
    public ConcurrentQueue<PersonFlagChanged> Received { get; } = new();

    public string Topic => PersonFlagChanged.Topic;

    public Task HandleAsync(string payload, IServiceProvider services, CancellationToken ct)
    {
        Received.Enqueue(Outbox.Read<PersonFlagChanged>(payload));
        return Task.CompletedTask;
    }
}
