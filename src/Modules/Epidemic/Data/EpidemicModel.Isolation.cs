using Microsoft.EntityFrameworkCore;
using Yiwang.Epidemic.Domain.Isolation;

namespace Yiwang.Epidemic.Data;

/// <summary>Isolation sites and assignments, daily health checks and missed checks.</summary>
internal sealed partial class EpidemicModel
{
    static partial void ConfigureIsolation(ModelBuilder modelBuilder, string? schema)
    {
        modelBuilder.Entity<IsolationSite>(e =>
        {
            e.ToTable("isolation_sites", schema);
            e.HasKey(s => s.Id);
            e.Property(s => s.Name).HasMaxLength(100);
            e.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(s => s.Address).HasMaxLength(200);
            e.Property(s => s.UnitCode).HasMaxLength(12);
            e.Property(s => s.UpdatedBy).HasMaxLength(128);
            e.Property(s => s.Version).IsConcurrencyToken();
            // Lists in scope and figures per child unit: sites by unit code prefix.
            e.HasIndex(s => new { s.UnitCode, s.Active });
        });
        modelBuilder.Entity<IsolationAssignment>(e =>
        {
            e.ToTable("isolation_assignments", schema);
            e.HasKey(a => a.Id);
            e.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(a => a.CommunityCode).HasMaxLength(12);
            e.Property(a => a.StreetCode).HasMaxLength(9);
            e.Property(a => a.StartedBy).HasMaxLength(128);
            e.Property(a => a.EndedBy).HasMaxLength(128);
            e.Property(a => a.EndReason).HasMaxLength(300);
            e.Property(a => a.Version).IsConcurrencyToken();
            // At most one active assignment per person, whatever two requests do at once.
            e.HasIndex(a => a.PersonId).IsUnique().HasFilter("ended_at IS NULL").HasDatabaseName("ix_isolation_assignments_active_person");
            e.HasIndex(a => new { a.SiteId, a.EndedAt });
            e.HasIndex(a => new { a.CaseId, a.StartedAt });
        });
        modelBuilder.Entity<HealthCheck>(e =>
        {
            e.ToTable("health_checks", schema);
            e.HasKey(h => h.Id);
            e.Property(h => h.CommunityCode).HasMaxLength(12);
            e.Property(h => h.StreetCode).HasMaxLength(9);
            e.Property(h => h.Temperature).HasPrecision(4, 1);
            e.Property(h => h.OtherSymptoms).HasMaxLength(200);
            e.Property(h => h.Source).HasMaxLength(16);
            e.Property(h => h.RecordedBy).HasMaxLength(128);
            // "Checked on day D?" per record (today's list, the missed-check job); history newest first.
            e.HasIndex(h => new { h.CaseId, h.Date });
            e.HasIndex(h => new { h.CommunityCode, h.Date });
        });
        modelBuilder.Entity<MissedCheck>(e =>
        {
            e.ToTable("missed_checks", schema);
            e.HasKey(m => m.Id);
            e.Property(m => m.CommunityCode).HasMaxLength(12);
            e.Property(m => m.StreetCode).HasMaxLength(9);
            e.Property(m => m.ResponsibleUnit).HasMaxLength(12);
            e.HasIndex(m => new { m.CaseId, m.Date }).IsUnique();
            // The dashboard figure: missed checks of one day per unit (prefix of the community code).
            e.HasIndex(m => new { m.Date, m.CommunityCode });
        });
    }
}
