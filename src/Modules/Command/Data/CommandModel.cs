using Microsoft.EntityFrameworkCore;
using Yiwang.Command.Domain;
using Yiwang.Kernel.Data;

namespace Yiwang.Command.Data;

/// <summary>The Command module's tables, in schema <c>command</c> on PostgreSQL.</summary>
internal sealed class CommandModel : IModelContributor
{
    public void Configure(ModelBuilder modelBuilder, DatabaseProvider provider)
    {
        var schema = provider == DatabaseProvider.Postgres ? "command" : null;
        modelBuilder.Entity<WorkOrder>(e =>
        {
            e.ToTable("work_orders", schema);
            e.HasKey(w => w.Id);
            e.Property(w => w.Module).HasMaxLength(32);
            e.Property(w => w.Kind).HasMaxLength(48);
            e.Property(w => w.DedupKey).HasMaxLength(128);
            e.Property(w => w.UnitCode).HasMaxLength(12);
            e.Property(w => w.OriginalUnitCode).HasMaxLength(12);
            e.Property(w => w.TitleZh).HasMaxLength(200);
            e.Property(w => w.TitleEn).HasMaxLength(200);
            e.Property(w => w.Detail).HasMaxLength(1000);
            e.Property(w => w.SubjectType).HasMaxLength(32);
            e.Property(w => w.SubjectId).HasMaxLength(64);
            e.Property(w => w.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(w => w.CreatedBy).HasMaxLength(128);
            e.Property(w => w.AssignedTo).HasMaxLength(128);
            e.Property(w => w.Result).HasMaxLength(1000);
            e.Property(w => w.Version).IsConcurrencyToken();
            e.HasIndex(w => new { w.Module, w.DedupKey }).IsUnique();
            // Lists and figures by unit subtree (prefix) and state; escalation scans open work by due time.
            e.HasIndex(w => new { w.UnitCode, w.Status, w.DueAt });
            e.HasIndex(w => new { w.OriginalUnitCode, w.Status });
            e.HasIndex(w => new { w.Status, w.DueAt });
        });
    }
}
