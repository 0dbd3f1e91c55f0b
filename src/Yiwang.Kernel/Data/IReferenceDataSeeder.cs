namespace Yiwang.Kernel.Data;

/// <summary>
/// Reference data a module needs on every database (the seeded COVID-19 definition, default catalogues). Run at
/// start-up after migrations and before any CLI verb; must be idempotent (insert only what is absent) and safe
/// when several hosts start together (start-up holds the seed lock).
/// </summary>
public interface IReferenceDataSeeder
{
    Task EnsureAsync(IServiceProvider services, CancellationToken ct);
}
