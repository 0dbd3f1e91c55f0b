using Microsoft.EntityFrameworkCore;
using Yiwang.HealthCodes.Domain;

namespace Yiwang.HealthCodes.Data;

/// <summary>Exposure tracings, their candidate contacts and the encounters behind each contact.</summary>
internal sealed partial class HealthCodesModel
{
    static partial void ConfigureTracing(ModelBuilder modelBuilder, string? schema)
    {
        modelBuilder.Entity<ExposureTracing>(e =>
        {
            e.ToTable("tracings", schema);
            e.HasKey(t => t.Id);
            e.Property(t => t.Id).ValueGeneratedNever();
            e.Property(t => t.IndexCommunityCode).HasMaxLength(12);
            e.Property(t => t.IndexStreetCode).HasMaxLength(9);
            e.Property(t => t.Trigger).HasMaxLength(16);
            e.Property(t => t.CreatedBy).HasMaxLength(128);
            e.Property(t => t.Version).IsConcurrencyToken();
            // One automatic tracing per confirmed record, however often its events are delivered.
            e.HasIndex(t => t.CaseId).IsUnique();
            e.HasIndex(t => t.CreatedAt);
            e.HasIndex(t => new { t.IndexPersonId, t.CreatedAt });
            e.HasIndex(t => new { t.IndexStreetCode, t.CreatedAt });
            e.HasIndex(t => new { t.IndexCommunityCode, t.CreatedAt });
        });
        modelBuilder.Entity<TracingContact>(e =>
        {
            e.ToTable("tracing_contacts", schema);
            e.HasKey(c => new { c.TracingId, c.PersonId });
            e.Property(c => c.ConfirmedBy).HasMaxLength(128);
            e.Property(c => c.ConfirmReason).HasMaxLength(500);
            e.HasIndex(c => c.PersonId);
        });
        modelBuilder.Entity<TracingEncounter>(e =>
        {
            e.ToTable("tracing_encounters", schema);
            e.HasKey(c => c.Id);
            e.HasIndex(c => new { c.TracingId, c.PersonId });
        });
    }
}
