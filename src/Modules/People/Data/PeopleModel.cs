using Microsoft.EntityFrameworkCore;
using Yiwang.Kernel.Data;
using Yiwang.People.Domain;

namespace Yiwang.People.Data;

/// <summary>The People module's tables, in schema <c>people</c> on PostgreSQL.</summary>
internal sealed class PeopleModel : IModelContributor
{
    public void Configure(ModelBuilder modelBuilder, DatabaseProvider provider)
    {
        var schema = provider == DatabaseProvider.Postgres ? "people" : null;
        modelBuilder.Entity<Household>(e =>
        {
            e.ToTable("households", schema);
            e.HasKey(h => h.Id);
            e.Property(h => h.CommunityCode).HasMaxLength(12);
            e.Property(h => h.StreetCode).HasMaxLength(9);
            e.Property(h => h.Address).HasMaxLength(200);
            e.HasIndex(h => h.CommunityCode);
        });
        modelBuilder.Entity<Person>(e =>
        {
            e.ToTable("persons", schema);
            e.HasKey(p => p.Id);
            e.Property(p => p.IdNumber).HasMaxLength(18).IsFixedLength(false);
            e.Property(p => p.Name).HasMaxLength(64);
            e.Property(p => p.Sex).HasConversion<short>();
            e.Property(p => p.Phone).HasMaxLength(20);
            e.Property(p => p.Address).HasMaxLength(200);
            e.Property(p => p.CommunityCode).HasMaxLength(12);
            e.Property(p => p.StreetCode).HasMaxLength(9);
            e.Property(p => p.Relation).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(p => p.IdNumber).IsUnique();
            // Scope filters and paging: community or street first, then a stable order.
            e.HasIndex(p => new { p.CommunityCode, p.Name });
            e.HasIndex(p => new { p.StreetCode, p.Name });
            e.HasIndex(p => p.Name);
            e.HasIndex(p => p.HouseholdId);
            e.HasOne<Household>().WithMany().HasForeignKey(p => p.HouseholdId).OnDelete(DeleteBehavior.SetNull);
        });
    }
}
