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
            e.Property(h => h.ExternalKey).HasMaxLength(64);
            e.HasIndex(h => h.CommunityCode);
            // The key first: intake looks households up by `external_key = ANY(@keys)`, which PostgreSQL only
            // uses as an index condition on a leading column (otherwise it filters every row of the source).
            e.HasIndex(h => new { h.ExternalKey, h.SourceSystemId }).IsUnique();
        });
        modelBuilder.Entity<Person>(e =>
        {
            e.ToTable("persons", schema);
            e.HasKey(p => p.Id);
            e.Property(p => p.IdNumber).HasMaxLength(18);
            e.Property(p => p.IdSuffix).HasMaxLength(4);
            e.Property(p => p.Name).HasMaxLength(64);
            e.Property(p => p.Sex).HasConversion<short>();
            e.Property(p => p.Phone).HasMaxLength(20);
            e.Property(p => p.Address).HasMaxLength(200);
            e.Property(p => p.CommunityCode).HasMaxLength(12);
            e.Property(p => p.StreetCode).HasMaxLength(9);
            e.Property(p => p.Relation).HasConversion<string>().HasMaxLength(16);
            // NULLs are distinct in unique indexes on both databases: many persons may lack a number.
            e.HasIndex(p => p.IdNumber).IsUnique();
            // Scope filters and paging: community or street first, then a stable order.
            e.HasIndex(p => new { p.CommunityCode, p.Name });
            e.HasIndex(p => new { p.StreetCode, p.Name });
            e.HasIndex(p => p.Name);
            e.HasIndex(p => p.Phone);
            e.HasIndex(p => p.IdSuffix);
            e.HasIndex(p => p.HouseholdId);
            e.HasOne<Household>().WithMany().HasForeignKey(p => p.HouseholdId).OnDelete(DeleteBehavior.SetNull);
        });
        modelBuilder.Entity<SourceSystem>(e =>
        {
            e.ToTable("source_systems", schema);
            e.HasKey(s => s.Id);
            e.Property(s => s.Code).HasMaxLength(32);
            e.Property(s => s.Name).HasMaxLength(100);
            e.Property(s => s.RecordType).HasConversion<string>().HasMaxLength(32);
            e.Property(s => s.JurisdictionCode).HasMaxLength(12);
            e.HasIndex(s => s.Code).IsUnique();
            e.HasIndex(s => s.ApiClientId);
        });
        modelBuilder.Entity<SourceRecord>(e =>
        {
            e.ToTable("source_records", schema);
            e.HasKey(r => r.Id);
            e.Property(r => r.ExternalId).HasMaxLength(64);
            e.Property(r => r.RecordType).HasConversion<string>().HasMaxLength(32);
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.ContentHash).HasMaxLength(32);
            // The record id first, for the same reason as households' key.
            e.HasIndex(r => new { r.ExternalId, r.SourceSystemId }).IsUnique();
            e.HasIndex(r => r.PersonId);
            e.HasOne<SourceSystem>().WithMany().HasForeignKey(r => r.SourceSystemId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<SourceRecordVersion>(e =>
        {
            e.ToTable("source_record_versions", schema);
            e.HasKey(v => v.Id);
            e.Property(v => v.ContentHash).HasMaxLength(32);
            e.HasIndex(v => new { v.SourceRecordId, v.Version }).IsUnique();
        });
        modelBuilder.Entity<PersonFlag>(e =>
        {
            e.ToTable("person_flags", schema);
            e.HasKey(f => f.Id);
            e.Property(f => f.Kind).HasConversion<string>().HasMaxLength(24);
            e.HasIndex(f => new { f.SourceRecordId, f.Kind }).IsUnique();
            e.HasIndex(f => new { f.PersonId, f.Active });
        });
        modelBuilder.Entity<DuplicateCandidate>(e =>
        {
            e.ToTable("duplicate_candidates", schema);
            e.HasKey(d => d.Id);
            e.Property(d => d.Kind).HasConversion<string>().HasMaxLength(24);
            e.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(d => d.Reason).HasMaxLength(100);
            e.Property(d => d.CommunityCode).HasMaxLength(12);
            e.Property(d => d.StreetCode).HasMaxLength(9);
            e.Property(d => d.DecidedBy).HasMaxLength(128);
            e.HasIndex(d => new { d.Status, d.StreetCode, d.CommunityCode });
            e.HasIndex(d => d.SourceRecordId);
        });
        modelBuilder.Entity<PersonMerge>(e =>
        {
            e.ToTable("person_merges", schema);
            e.HasKey(m => m.Id);
            e.Property(m => m.MergedBy).HasMaxLength(128);
            e.Property(m => m.UndoneBy).HasMaxLength(128);
            e.HasIndex(m => m.MergedId);
            e.HasIndex(m => m.SurvivorId);
        });
        modelBuilder.Entity<ImportBatch>(e =>
        {
            e.ToTable("import_batches", schema);
            e.HasKey(b => b.Id);
            e.Property(b => b.Channel).HasMaxLength(16);
            e.Property(b => b.FileName).HasMaxLength(255);
            e.Property(b => b.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(b => b.By).HasMaxLength(128);
            e.Property(b => b.Error).HasMaxLength(1000);
            e.HasIndex(b => new { b.SourceSystemId, b.StartedAt });
        });
        modelBuilder.Entity<ImportRejection>(e =>
        {
            e.ToTable("import_rejections", schema);
            e.HasKey(r => r.Id);
            e.Property(r => r.Field).HasMaxLength(32);
            e.Property(r => r.Code).HasMaxLength(32);
            e.Property(r => r.Zh).HasMaxLength(300);
            e.Property(r => r.En).HasMaxLength(300);
            e.HasIndex(r => new { r.BatchId, r.RowNumber });
        });
    }
}
