using Microsoft.Extensions.DependencyInjection;
using Yiwang.Kernel.Data;

namespace Yiwang.Epidemic.Features;

/// <summary>Seeds the default disease (COVID-19) on every database.</summary>
internal sealed class EpidemicSeeder : IReferenceDataSeeder
{
    public Task EnsureAsync(IServiceProvider services, CancellationToken ct) =>
        DiseaseCatalog.EnsureDefaultsAsync(services.GetRequiredService<YiwangDbContext>(), services.GetRequiredService<TimeProvider>(), ct);
}
