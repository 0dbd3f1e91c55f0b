using Microsoft.Extensions.DependencyInjection;
using Yiwang.Kernel.Data;

namespace Yiwang.HealthCodes.Features;

/// <summary>Creates the first signing key (and the subject secret) on every database.</summary>
internal sealed class HealthCodesSeeder : IReferenceDataSeeder
{
    public Task EnsureAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<SigningKeyService>().EnsureKeyAsync(services.GetRequiredService<YiwangDbContext>(), ct);
}
