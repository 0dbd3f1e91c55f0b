using Microsoft.EntityFrameworkCore;
using Yiwang.HealthCodes.Domain;

namespace Yiwang.HealthCodes.Data;

/// <summary>Colour rule versions, the facts the rules read, and manual overrides.</summary>
internal sealed partial class HealthCodesModel
{
    static partial void ConfigureColours(ModelBuilder modelBuilder, string? schema)
    {
        modelBuilder.Entity<ColourRuleSetRow>(e =>
        {
            e.ToTable("colour_rule_sets", schema);
            e.HasKey(r => r.Version);
            e.Property(r => r.Version).ValueGeneratedNever();
            e.Property(r => r.Json).HasMaxLength(64000);
            e.Property(r => r.CreatedBy).HasMaxLength(128);
            e.Property(r => r.Reason).HasMaxLength(500);
        });
        modelBuilder.Entity<ColourFact>(e =>
        {
            e.ToTable("colour_facts", schema);
            e.HasKey(f => f.Id);
            e.Property(f => f.Kind).HasMaxLength(16);
            e.Property(f => f.Category).HasMaxLength(32);
            e.Property(f => f.Detail).HasMaxLength(64);
            e.Property(f => f.State).HasMaxLength(64);
            e.Property(f => f.EndState).HasMaxLength(64);
            e.Property(f => f.StateLabel).HasMaxLength(128);
            e.HasIndex(f => f.PersonId);
            e.HasIndex(f => new { f.SourceId, f.Kind });
        });
        modelBuilder.Entity<ColourOverride>(e =>
        {
            e.ToTable("colour_overrides", schema);
            e.HasKey(o => o.Id);
            e.Property(o => o.Colour).HasConversion<short>();
            e.Property(o => o.Status).HasConversion<short>();
            e.Property(o => o.Reason).HasMaxLength(500);
            e.Property(o => o.RequestedBy).HasMaxLength(128);
            e.Property(o => o.DecidedBy).HasMaxLength(128);
            e.Property(o => o.DecisionNote).HasMaxLength(500);
            e.Property(o => o.CommunityCode).HasMaxLength(12);
            e.Property(o => o.StreetCode).HasMaxLength(9);
            e.Property(o => o.Version).IsConcurrencyToken();
            e.HasIndex(o => new { o.PersonId, o.Status });
            e.HasIndex(o => new { o.Status, o.RequestedAt });
        });
    }
}
