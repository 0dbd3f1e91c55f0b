using Microsoft.EntityFrameworkCore;
using Yiwang.HealthCodes.Domain;
using Yiwang.Kernel.Data;

namespace Yiwang.HealthCodes.Data;

/// <summary>The HealthCodes module's tables, in schema <c>healthcodes</c> on PostgreSQL: signing keys and secrets.</summary>
internal sealed class HealthCodesModel : IModelContributor
{
    public void Configure(ModelBuilder modelBuilder, DatabaseProvider provider)
    {
        var schema = provider == DatabaseProvider.Postgres ? "healthcodes" : null;
        modelBuilder.Entity<SigningKey>(e =>
        {
            e.ToTable("signing_keys", schema);
            e.HasKey(k => k.Kid);
            e.Property(k => k.Kid).HasMaxLength(16);
            e.Property(k => k.X).HasMaxLength(64);
            e.Property(k => k.Y).HasMaxLength(64);
            e.Property(k => k.ProtectedPrivateKey).HasMaxLength(4000);
            e.Property(k => k.CreatedBy).HasMaxLength(128);
            e.HasIndex(k => k.RetiredAt);
        });
        modelBuilder.Entity<HealthCodeSecret>(e =>
        {
            e.ToTable("secrets", schema);
            e.HasKey(s => s.Name);
            e.Property(s => s.Name).HasMaxLength(32);
            e.Property(s => s.ProtectedValue).HasMaxLength(4000);
        });
    }
}
