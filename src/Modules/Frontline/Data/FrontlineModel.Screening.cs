using Microsoft.EntityFrameworkCore;
using Yiwang.Frontline.Domain.Screening;

namespace Yiwang.Frontline.Data;

/// <summary>Checkpoints, duty rosters, passage logs, the returnees list, screening senders, nonces and sightings.</summary>
internal sealed partial class FrontlineModel
{
    static partial void ConfigureScreening(ModelBuilder modelBuilder, string? schema)
    {
        modelBuilder.Entity<Checkpoint>(e =>
        {
            e.ToTable("checkpoints", schema);
            e.HasKey(c => c.Id);
            e.Property(c => c.Name).HasMaxLength(100);
            e.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.UnitCode).HasMaxLength(12);
            e.Property(c => c.CreatedBy).HasMaxLength(128);
            e.HasIndex(c => new { c.UnitCode, c.Name });
        });
        modelBuilder.Entity<DutyShift>(e =>
        {
            e.ToTable("duty_shifts", schema);
            e.HasKey(s => s.Id);
            e.Property(s => s.UnitCode).HasMaxLength(12);
            e.Property(s => s.CreatedBy).HasMaxLength(128);
            e.HasIndex(s => new { s.CheckpointId, s.StartsAt });
            // "On duty now" per unit subtree for the dashboard: shifts ending after now, by unit prefix.
            e.HasIndex(s => new { s.EndsAt, s.StartsAt, s.UnitCode });
            e.HasOne<Checkpoint>().WithMany().HasForeignKey(s => s.CheckpointId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(s => s.Staff).WithOne().HasForeignKey(s => s.ShiftId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<DutyStaff>(e =>
        {
            e.ToTable("duty_staff", schema);
            e.HasKey(s => s.Id);
            e.Property(s => s.Name).HasMaxLength(32);
            e.Property(s => s.Role).HasMaxLength(32);
        });
        modelBuilder.Entity<PassageLog>(e =>
        {
            e.ToTable("passage_logs", schema);
            e.HasKey(p => p.Id);
            e.Property(p => p.UnitCode).HasMaxLength(12);
            e.Property(p => p.Direction).HasConversion<string>().HasMaxLength(8);
            e.Property(p => p.VehiclePlate).HasMaxLength(16);
            e.Property(p => p.Temperature).HasConversion<string>().HasMaxLength(16);
            e.Property(p => p.Note).HasMaxLength(200);
            e.Property(p => p.RecordedBy).HasMaxLength(128);
            e.HasIndex(p => new { p.CheckpointId, p.At });
            e.HasOne<Checkpoint>().WithMany().HasForeignKey(p => p.CheckpointId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Returnee>(e =>
        {
            e.ToTable("returnees", schema);
            e.HasKey(r => r.Id);
            e.Property(r => r.CommunityCode).HasMaxLength(12);
            e.Property(r => r.StreetCode).HasMaxLength(9);
            e.Property(r => r.RegionName).HasMaxLength(64);
            e.Property(r => r.VehiclePlate).HasMaxLength(16);
            e.Property(r => r.RecordedBy).HasMaxLength(128);
            // Matching: by person (face, door) or plate, then the observation window on the arrival date.
            e.HasIndex(r => new { r.PersonId, r.ArrivalDate });
            e.HasIndex(r => new { r.VehiclePlate, r.ArrivalDate });
            e.HasIndex(r => new { r.CommunityCode, r.ArrivalDate });
            e.HasIndex(r => new { r.StreetCode, r.ArrivalDate });
        });
        modelBuilder.Entity<ScreeningSender>(e =>
        {
            e.ToTable("screening_senders", schema);
            e.HasKey(s => s.Id);
            e.Property(s => s.Code).HasMaxLength(64);
            e.Property(s => s.Name).HasMaxLength(100);
            e.Property(s => s.Kind).HasConversion<string>().HasMaxLength(8);
            e.Property(s => s.PublicKey).HasMaxLength(512);
            e.Property(s => s.CreatedBy).HasMaxLength(128);
            e.HasIndex(s => s.Code).IsUnique();
        });
        modelBuilder.Entity<ScreeningNonce>(e =>
        {
            e.ToTable("screening_nonces", schema);
            e.HasKey(n => n.Id);
            e.Property(n => n.Nonce).HasMaxLength(64);
            // A nonce is accepted once per sender: the unique index also settles two hosts racing on a replay.
            e.HasIndex(n => new { n.SenderId, n.Nonce }).IsUnique();
            e.HasIndex(n => n.ExpiresAt);
        });
        modelBuilder.Entity<Sighting>(e =>
        {
            e.ToTable("sightings", schema);
            e.HasKey(s => s.Id);
            e.Property(s => s.CommunityCode).HasMaxLength(12);
            e.Property(s => s.StreetCode).HasMaxLength(9);
            e.Property(s => s.EventId).HasMaxLength(64);
            e.Property(s => s.Source).HasConversion<string>().HasMaxLength(8);
            e.Property(s => s.DeviceId).HasMaxLength(64);
            e.Property(s => s.Location).HasMaxLength(100);
            e.Property(s => s.Purpose).HasMaxLength(32);
            // The same event of the same sender is stored once per matched person.
            e.HasIndex(s => new { s.SenderId, s.EventId, s.PersonId }).IsUnique();
            e.HasIndex(s => new { s.CommunityCode, s.SeenAt });
            e.HasIndex(s => new { s.StreetCode, s.SeenAt });
            e.HasIndex(s => s.SeenAt);
        });
    }
}
