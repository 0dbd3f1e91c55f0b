using Microsoft.Extensions.DependencyInjection;
using Yiwang.Kernel.Data;

namespace Yiwang.People.Features;

/// <summary>Registers the default source systems on every database, so a newcomer can import at once.</summary>
internal sealed class SourceSystemsSeeder : IReferenceDataSeeder
{
    public Task EnsureAsync(IServiceProvider services, CancellationToken ct) =>
        SourceCatalog.EnsureDefaultsAsync(services.GetRequiredService<YiwangDbContext>(), services.GetRequiredService<TimeProvider>(), ct);
}
