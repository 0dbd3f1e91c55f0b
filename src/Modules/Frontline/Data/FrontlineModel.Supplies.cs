using Microsoft.EntityFrameworkCore;
using Yiwang.Frontline.Domain.Supplies;

namespace Yiwang.Frontline.Data;

/// <summary>Residents' supplies: requests, deliveries, and the stock ledger with its balances.</summary>
internal sealed partial class FrontlineModel
{
    static partial void ConfigureSupplies(ModelBuilder modelBuilder, string? schema)
    {
        modelBuilder.Entity<SupplyRequest>(e =>
        {
            e.ToTable("supply_requests", schema);
            e.HasKey(r => r.Id);
            e.Property(r => r.CommunityCode).HasMaxLength(12);
            e.Property(r => r.StreetCode).HasMaxLength(9);
            e.Property(r => r.Channel).HasMaxLength(16);
            e.Property(r => r.Note).HasMaxLength(200);
            e.Property(r => r.PriorityReasons).HasMaxLength(100);
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(24);
            e.Property(r => r.CreatedBy).HasMaxLength(64);
            e.Property(r => r.AcceptedBy).HasMaxLength(64);
            e.Property(r => r.ClosedBy).HasMaxLength(64);
            e.Property(r => r.RefusalReason).HasMaxLength(200);
            e.Property(r => r.Version).IsConcurrencyToken();
            e.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.RequestId).OnDelete(DeleteBehavior.Cascade);
            // The queue of a community or township (open first, urgent first, oldest first) and the dashboard's
            // counts per township / community read these indexes only.
            e.HasIndex(r => new { r.CommunityCode, r.IsOpen, r.Priority, r.CreatedAt });
            e.HasIndex(r => new { r.StreetCode, r.IsOpen, r.Priority, r.CreatedAt });
            e.HasIndex(r => new { r.IsOpen, r.StreetCode, r.CommunityCode });
            e.HasIndex(r => r.HouseholdId);
        });
        modelBuilder.Entity<SupplyRequestLine>(e =>
        {
            e.ToTable("supply_request_lines", schema);
            e.HasKey(l => new { l.RequestId, l.LineNo });
            e.Property(l => l.Item).HasConversion<string>().HasMaxLength(16);
            e.Property(l => l.Name).HasMaxLength(50);
        });
        modelBuilder.Entity<SupplyDelivery>(e =>
        {
            e.ToTable("supply_deliveries", schema);
            e.HasKey(d => d.Id);
            e.Property(d => d.DeliveredBy).HasMaxLength(50);
            e.Property(d => d.RecordedBy).HasMaxLength(64);
            e.HasIndex(d => d.RequestId);
            e.HasOne<SupplyRequest>().WithMany().HasForeignKey(d => d.RequestId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(d => d.Lines).WithOne().HasForeignKey(l => l.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<SupplyDeliveryLine>(e =>
        {
            e.ToTable("supply_delivery_lines", schema);
            e.HasKey(l => new { l.DeliveryId, l.LineNo });
        });
        modelBuilder.Entity<StockBalance>(e =>
        {
            e.ToTable("stock_balances", schema);
            e.HasKey(b => new { b.UnitCode, b.Item, b.Name });
            e.Property(b => b.UnitCode).HasMaxLength(12);
            e.Property(b => b.Item).HasConversion<string>().HasMaxLength(16);
            e.Property(b => b.Name).HasMaxLength(50);
            e.Property(b => b.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<StockEntry>(e =>
        {
            e.ToTable("stock_entries", schema);
            e.HasKey(x => x.Id);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.UnitCode).HasMaxLength(12);
            e.Property(x => x.Item).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Name).HasMaxLength(50);
            e.Property(x => x.CounterpartUnit).HasMaxLength(12);
            e.Property(x => x.Reference).HasMaxLength(64);
            e.Property(x => x.Note).HasMaxLength(200);
            e.Property(x => x.By).HasMaxLength(64);
            // A unit's ledger, newest first.
            e.HasIndex(x => new { x.UnitCode, x.At });
            e.HasIndex(x => x.TransferId);
        });
    }
}
