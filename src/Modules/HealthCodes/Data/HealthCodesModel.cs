using Microsoft.EntityFrameworkCore;
using Yiwang.HealthCodes.Domain;
using Yiwang.HealthCodes.Postgres;
using Yiwang.Kernel.Data;

namespace Yiwang.HealthCodes.Data;

/// <summary>Schema <c>healthcodes</c> on PostgreSQL; each feature's own tables are in its partial file.</summary>
internal sealed partial class HealthCodesModel : IModelContributor
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
        modelBuilder.Entity<Scan>(e =>
        {
            e.ToTable("scans", schema);
            // The scanner's id with the scan's time: PostgreSQL keeps scans in one partition per district day
            // (ScanPartitions, ADR 0014), and a key there must contain the partition column. A replayed upload
            // carries both again, so it is still stored once.
            e.HasKey(s => new { s.Id, s.ScannedAt });
            e.Property(s => s.Id).ValueGeneratedNever();
            Token(e.Property(s => s.Subject).HasMaxLength(Scan.SubjectLength), provider);
            e.Property(s => s.Kid).HasMaxLength(16);
            e.Property(s => s.Colour).HasConversion<short>();
            e.Property(s => s.Mode).HasConversion<short>();
            if (provider == DatabaseProvider.Postgres)
            {
                PostgresModel.SubjectIndex(e);
            }
            else
            {
                e.HasIndex(s => new { s.Subject, s.ScannedAt });
            }

            e.HasIndex(s => new { s.VenueId, s.ScannedAt });
            var byTime = e.HasIndex(s => s.ScannedAt);
            if (provider == DatabaseProvider.Postgres)
            {
                PostgresModel.TimeIndex(byTime);
            }
        });
        modelBuilder.Entity<SubjectLink>(e =>
        {
            e.ToTable("subject_links", schema);
            e.HasKey(s => s.Subject);
            Token(e.Property(s => s.Subject).HasMaxLength(Scan.SubjectLength), provider);
            e.HasIndex(s => s.PersonId).IsUnique();
        });
        modelBuilder.Entity<PersonColour>(e =>
        {
            e.ToTable("person_colours", schema);
            e.HasKey(c => c.PersonId);
            e.Property(c => c.PersonId).ValueGeneratedNever();
            e.Property(c => c.Colour).HasConversion<short>();
            e.Property(c => c.CommunityCode).HasMaxLength(12);
            e.Property(c => c.StreetCode).HasMaxLength(9);
            e.Property(c => c.ReasonsJson).HasMaxLength(8000);
            e.Property(c => c.Version).IsConcurrencyToken();
            e.HasIndex(c => c.NextReviewAt);
            e.HasIndex(c => c.RuleSetVersion);
            e.HasIndex(c => new { c.CommunityCode, c.Colour });
            e.HasIndex(c => new { c.StreetCode, c.Colour });
        });
        modelBuilder.Entity<ColourChange>(e =>
        {
            e.ToTable("colour_changes", schema);
            e.HasKey(c => c.Id);
            e.Property(c => c.From).HasConversion<short>();
            e.Property(c => c.To).HasConversion<short>();
            e.Property(c => c.Cause).HasMaxLength(32);
            e.Property(c => c.RuleId).HasMaxLength(64);
            e.Property(c => c.Actor).HasMaxLength(128);
            e.Property(c => c.ReasonsJson).HasMaxLength(8000);
            e.HasIndex(c => new { c.PersonId, c.At });
        });
        modelBuilder.Entity<Declaration>(e =>
        {
            e.ToTable("declarations", schema);
            e.HasKey(d => d.Id);
            e.Property(d => d.Symptoms).HasMaxLength(200);
            e.Property(d => d.TravelRegion).HasMaxLength(100);
            e.Property(d => d.TravelRegionCode).HasMaxLength(12);
            e.Property(d => d.Note).HasMaxLength(500);
            e.HasIndex(d => new { d.PersonId, d.DeclaredAt });
        });
        modelBuilder.Entity<Venue>(e =>
        {
            e.ToTable("venues", schema);
            e.HasKey(v => v.Id);
            e.Property(v => v.Code).HasMaxLength(16);
            e.HasIndex(v => v.Code).IsUnique();
            e.Property(v => v.Name).HasMaxLength(200);
            e.Property(v => v.Address).HasMaxLength(300);
            e.Property(v => v.Kind).HasMaxLength(32);
            e.Property(v => v.CommunityCode).HasMaxLength(12);
            e.Property(v => v.StreetCode).HasMaxLength(9);
            e.Property(v => v.KeyHash).HasMaxLength(64);
            e.HasIndex(v => v.KeyHash).IsUnique();
            e.Property(v => v.KeyHint).HasMaxLength(12);
            e.Property(v => v.CreatedBy).HasMaxLength(128);
            e.Property(v => v.Version).IsConcurrencyToken();
            e.HasIndex(v => v.CommunityCode);
            e.HasIndex(v => v.StreetCode);
        });
        modelBuilder.Entity<CitizenLink>(e =>
        {
            e.ToTable("citizen_links", schema);
            e.HasKey(c => c.UserName);
            e.Property(c => c.UserName).HasMaxLength(256);
            e.HasIndex(c => c.PersonId).IsUnique();
        });
        ConfigureColours(modelBuilder, schema);
        ConfigureCitizens(modelBuilder, schema);
        ConfigureTracing(modelBuilder, schema);
    }

    /// <summary>Collation "C" on PostgreSQL: tokens are opaque and compared only for equality and order, so every index
    /// step is a memcmp instead of a locale comparison (ADR 0013).</summary>
    private static void Token(Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<string> property, DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            property.UseCollation("C");
        }
    }

    static partial void ConfigureColours(ModelBuilder modelBuilder, string? schema);

    static partial void ConfigureCitizens(ModelBuilder modelBuilder, string? schema);

    static partial void ConfigureTracing(ModelBuilder modelBuilder, string? schema);
}
