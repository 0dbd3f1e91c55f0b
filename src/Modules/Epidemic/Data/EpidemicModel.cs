using Microsoft.EntityFrameworkCore;
using Yiwang.Epidemic.Domain;
using Yiwang.Kernel.Data;

namespace Yiwang.Epidemic.Data;

/// <summary>Schema <c>epidemic</c> on PostgreSQL; isolation and monitoring in EpidemicModel.Isolation.cs.</summary>
internal sealed partial class EpidemicModel : IModelContributor
{
    public void Configure(ModelBuilder modelBuilder, DatabaseProvider provider)
    {
        var schema = provider == DatabaseProvider.Postgres ? "epidemic" : null;
        modelBuilder.Entity<Disease>(e =>
        {
            e.ToTable("diseases", schema);
            e.HasKey(d => d.Code);
            e.Property(d => d.Code).HasMaxLength(32);
            e.Property(d => d.NameZh).HasMaxLength(64);
            e.Property(d => d.NameEn).HasMaxLength(64);
            e.Property(d => d.UpdatedBy).HasMaxLength(128);
            e.Property(d => d.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<DiseaseVersion>(e =>
        {
            e.ToTable("disease_versions", schema);
            e.HasKey(d => d.Id);
            e.Property(d => d.DiseaseCode).HasMaxLength(32);
            e.Property(d => d.CreatedBy).HasMaxLength(128);
            e.HasIndex(d => new { d.DiseaseCode, d.Version }).IsUnique();
        });
        modelBuilder.Entity<EpiCase>(e =>
        {
            e.ToTable("cases", schema);
            e.HasKey(c => c.Id);
            e.Property(c => c.DiseaseCode).HasMaxLength(32);
            e.Property(c => c.Category).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.State).HasMaxLength(32);
            e.Property(c => c.CommunityCode).HasMaxLength(12);
            e.Property(c => c.StreetCode).HasMaxLength(9);
            e.Property(c => c.ResponsibleUnit).HasMaxLength(12);
            e.Property(c => c.Origin).HasMaxLength(48);
            e.Property(c => c.CreatedBy).HasMaxLength(128);
            e.Property(c => c.Version).IsConcurrencyToken();
            // Lists in scope by category/state, newest first; one open record per person and disease.
            e.HasIndex(c => new { c.CommunityCode, c.Category, c.State, c.ReportedAt });
            e.HasIndex(c => new { c.StreetCode, c.Category, c.State, c.ReportedAt });
            e.HasIndex(c => new { c.PersonId, c.DiseaseCode, c.Closed });
            // Monitoring and risk grades: records by state and phase start.
            e.HasIndex(c => new { c.DiseaseCode, c.State, c.PhaseSince });
        });
        modelBuilder.Entity<CaseTransition>(e =>
        {
            e.ToTable("case_transitions", schema);
            e.HasKey(t => t.Id);
            e.Property(t => t.FromState).HasMaxLength(32);
            e.Property(t => t.ToState).HasMaxLength(32);
            e.Property(t => t.Actor).HasMaxLength(128);
            e.Property(t => t.Reason).HasMaxLength(500);
            e.Property(t => t.UnitCode).HasMaxLength(12);
            e.HasIndex(t => new { t.CaseId, t.Id });
            // Risk grades: who entered a state (of the counted category) since a date.
            e.HasIndex(t => new { t.ToState, t.At });
        });
        modelBuilder.Entity<CaseTest>(e =>
        {
            e.ToTable("case_tests", schema);
            e.HasKey(t => t.Id);
            e.Property(t => t.Kind).HasMaxLength(32);
            e.Property(t => t.Result).HasConversion<string>().HasMaxLength(16);
            e.Property(t => t.RecordedBy).HasMaxLength(128);
            e.HasIndex(t => new { t.CaseId, t.SampledAt });
        });
        modelBuilder.Entity<CaseFeedEvent>(e =>
        {
            e.ToTable("case_feed_events", schema);
            e.HasKey(f => new { f.SourceRecordId, f.Flag });
            e.Property(f => f.Flag).HasMaxLength(24);
            e.Property(f => f.Outcome).HasMaxLength(16);
            e.Property(f => f.Note).HasMaxLength(200);
        });
        modelBuilder.Entity<UnitCaseCount>(e =>
        {
            e.ToTable("unit_case_counts", schema);
            e.HasKey(u => new { u.DiseaseCode, u.CommunityCode, u.State });
            e.Property(u => u.DiseaseCode).HasMaxLength(32);
            e.Property(u => u.CommunityCode).HasMaxLength(12);
            e.Property(u => u.State).HasMaxLength(32);
            e.Property(u => u.Category).HasConversion<string>().HasMaxLength(16);
        });
        modelBuilder.Entity<RiskGrade>(e =>
        {
            e.ToTable("risk_grades", schema);
            e.HasKey(r => new { r.DiseaseCode, r.Date, r.UnitCode });
            e.Property(r => r.DiseaseCode).HasMaxLength(32);
            e.Property(r => r.UnitCode).HasMaxLength(12);
            e.Property(r => r.Level).HasConversion<string>().HasMaxLength(8);
        });
        ConfigureIsolation(modelBuilder, schema);
    }

    static partial void ConfigureIsolation(ModelBuilder modelBuilder, string? schema);
}
