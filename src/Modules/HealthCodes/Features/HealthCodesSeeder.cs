using Microsoft.Extensions.DependencyInjection;
using Yiwang.Kernel.Data;

namespace Yiwang.HealthCodes.Features;

/// <summary>Creates the first signing key (and the subject secret) and the default colour rules on every database.</summary>
internal sealed class HealthCodesSeeder : IReferenceDataSeeder
{
    public async Task EnsureAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<YiwangDbContext>();
        await services.GetRequiredService<SigningKeyService>().EnsureKeyAsync(db, ct);
        await services.GetRequiredService<Colours.ColourRules>().EnsureAsync(db, ct);
    }
}
