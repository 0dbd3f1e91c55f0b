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
            // Supervision and dashboard figures group the original unit's subtree by state and due time.
            e.HasIndex(w => new { w.OriginalUnitCode, w.Status, w.DueAt });
            e.HasIndex(w => new { w.Status, w.DueAt });
        });
        modelBuilder.Entity<WorkOrderEvent>(e =>
        {
            e.ToTable("work_order_events", schema);
            e.HasKey(x => x.Id);
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.Actor).HasMaxLength(128);
            e.Property(x => x.FromUnitCode).HasMaxLength(12);
            e.Property(x => x.ToUnitCode).HasMaxLength(12);
            e.Property(x => x.Note).HasMaxLength(1000);
            e.HasOne<WorkOrder>().WithMany().HasForeignKey(x => x.WorkOrderId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.WorkOrderId, x.At });
        });
        modelBuilder.Entity<Directive>(e =>
        {
            e.ToTable("directives", schema);
            e.HasKey(x => x.Id);
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.Body).HasMaxLength(4000);
            e.Property(x => x.IssuerUnitCode).HasMaxLength(12);
            e.Property(x => x.IssuedBy).HasMaxLength(128);
            e.Property(x => x.MeetingLink).HasMaxLength(500);
            e.HasIndex(x => new { x.IssuerUnitCode, x.IssuedAt });
        });
        modelBuilder.Entity<DirectiveRecipient>(e =>
        {
            e.ToTable("directive_recipients", schema);
            e.HasKey(x => new { x.DirectiveId, x.UnitCode });
            e.Property(x => x.UnitCode).HasMaxLength(12);
            e.Property(x => x.ReadBy).HasMaxLength(128);
            e.Property(x => x.AcknowledgedBy).HasMaxLength(128);
            // One acknowledgement per unit: the save is conditional on nobody having acknowledged yet.
            e.Property(x => x.AcknowledgedAt).IsConcurrencyToken();
            e.HasOne<Directive>().WithMany().HasForeignKey(x => x.DirectiveId).OnDelete(DeleteBehavior.Cascade);
            // A unit's inbox: its rows, newest first.
            e.HasIndex(x => new { x.UnitCode, x.IssuedAt });
        });
    }
}
