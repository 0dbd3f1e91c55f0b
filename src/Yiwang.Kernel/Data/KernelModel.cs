using Microsoft.EntityFrameworkCore;
using Yiwang.Kernel.Accounts;
using Yiwang.Kernel.Audit;
using Yiwang.Kernel.Jurisdictions;

namespace Yiwang.Kernel.Data;

internal static class KernelModel
{
    public static void Configure(ModelBuilder b, DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            // A schema per module on PostgreSQL; SQLite has no schemas.
            b.HasDefaultSchema("kernel");
        }

        b.Entity<Account>(e =>
        {
            e.ToTable("accounts");
            e.Property(a => a.Role).HasConversion<string>().HasMaxLength(32);
            e.Property(a => a.JurisdictionCode).HasMaxLength(12);
            e.Property(a => a.DisplayName).HasMaxLength(64);
        });
        b.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<string>>().ToTable("account_claims");
        b.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<string>>().ToTable("account_logins");
        b.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<string>>().ToTable("account_tokens");

        b.Entity<ApiClient>(e =>
        {
            e.ToTable("api_clients");
            e.HasKey(c => c.Id);
            e.Property(c => c.Name).HasMaxLength(100);
            e.Property(c => c.Role).HasConversion<string>().HasMaxLength(32);
            e.Property(c => c.JurisdictionCode).HasMaxLength(12);
            e.Property(c => c.KeyPrefix).HasMaxLength(16);
            e.Property(c => c.KeyHash).HasMaxLength(64);
            e.HasIndex(c => c.KeyPrefix).IsUnique();
        });

        b.Entity<Jurisdiction>(e =>
        {
            e.ToTable("jurisdictions");
            e.HasKey(j => j.Code);
            e.Property(j => j.Code).HasMaxLength(12);
            e.Property(j => j.Name).HasMaxLength(64);
            e.Property(j => j.ParentCode).HasMaxLength(12);
            e.Property(j => j.Kind).HasMaxLength(16);
            e.Property(j => j.AlternateCode).HasMaxLength(12);
            e.Property(j => j.Level).HasConversion<int>();
            e.HasIndex(j => j.ParentCode);
        });

        b.Entity<Events.OutboxMessage>(e =>
        {
            e.ToTable("outbox_messages");
            e.HasKey(m => m.Id);
            e.Property(m => m.Topic).HasMaxLength(64);
            e.Property(m => m.LockedBy).HasMaxLength(48);
            e.Property(m => m.LastError).HasMaxLength(500);
            e.HasIndex(m => new { m.ProcessedAt, m.Id });
        });

        b.Entity<Security.DataProtectionKeyRow>(e =>
        {
            e.ToTable("data_protection_keys");
            e.HasKey(k => k.Id);
            e.Property(k => k.FriendlyName).HasMaxLength(200);
        });

        b.Entity<Jobs.ScheduledJobState>(e =>
        {
            e.ToTable("scheduled_jobs");
            e.HasKey(j => j.Name);
            e.Property(j => j.Name).HasMaxLength(64);
            e.Property(j => j.LeaseOwner).HasMaxLength(48);
            e.Property(j => j.LastError).HasMaxLength(500);
        });

        b.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_log");
            e.HasKey(a => a.Seq);
            e.Property(a => a.Seq).ValueGeneratedNever();
            e.Property(a => a.Actor).HasMaxLength(128);
            e.Property(a => a.Action).HasMaxLength(64);
            e.Property(a => a.EntityType).HasMaxLength(128);
            e.Property(a => a.EntityId).HasMaxLength(128);
            e.Property(a => a.Reason).HasMaxLength(500);
            e.Property(a => a.PrevHash).HasMaxLength(64);
            e.Property(a => a.Hash).HasMaxLength(64);
            e.HasIndex(a => a.At);
        });
    }
}
