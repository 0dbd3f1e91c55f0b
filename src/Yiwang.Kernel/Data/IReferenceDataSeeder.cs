namespace Yiwang.Kernel.Data;

/// <summary>Reference data a module needs on every database, seeded at start-up after migrations under the seed lock;
/// must be idempotent (insert only what is absent).</summary>
public interface IReferenceDataSeeder
{
    Task EnsureAsync(IServiceProvider services, CancellationToken ct);
}
