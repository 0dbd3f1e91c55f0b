using System.Text.Json;
using Yiwang.Kernel.Data;

namespace Yiwang.Kernel.Events;

/// <summary>Publishing: add the event to the context; it is written with the next save, in the same transaction.</summary>
public static class Outbox
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static OutboxMessage Message<T>(string topic, T payload, DateTimeOffset now) => new()
    {
        Topic = topic,
        Payload = JsonSerializer.Serialize(payload, Json),
        CreatedAt = now,
    };

    public static void Publish<T>(this YiwangDbContext db, string topic, T payload, DateTimeOffset now) =>
        db.OutboxMessages.Add(Message(topic, payload, now));

    public static T Read<T>(string payload) =>
        JsonSerializer.Deserialize<T>(payload, Json) ?? throw new InvalidOperationException("empty event payload");
}
