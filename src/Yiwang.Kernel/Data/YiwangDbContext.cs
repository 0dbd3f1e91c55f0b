using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Yiwang.Kernel.Accounts;
using Yiwang.Kernel.Audit;
using Yiwang.Kernel.Jurisdictions;

namespace Yiwang.Kernel.Data;

/// <summary>The one database context: modules add their internal entities through <see cref="IModelContributor"/> and reach
/// them with <c>Set&lt;T&gt;()</c>. Every save appends hash-chained audit entries in the same transaction.</summary>
public sealed class YiwangDbContext : IdentityUserContext<Account>
{
    private readonly IReadOnlyList<IModelContributor> _contributors;
    private readonly IAuditContext? _auditContext;
    private readonly TimeProvider _clock;
    private readonly List<AuditRecord> _pending = [];

    public YiwangDbContext(
        DbContextOptions<YiwangDbContext> options,
        IEnumerable<IModelContributor> contributors,
        TimeProvider clock,
        IAuditContext? auditContext = null)
        : base(options)
    {
        _contributors = [.. contributors];
        _clock = clock;
        _auditContext = auditContext;
    }

    public DatabaseProvider Provider => Database.ProviderName switch
    {
        "Npgsql.EntityFrameworkCore.PostgreSQL" => DatabaseProvider.Postgres,
        _ => DatabaseProvider.Sqlite,
    };

    public DbSet<Jurisdiction> Jurisdictions => Set<Jurisdiction>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<ApiClient> ApiClients => Set<ApiClient>();

    public DbSet<Events.OutboxMessage> OutboxMessages => Set<Events.OutboxMessage>();

    /// <summary>Queues an audit entry that is not a row change (an unmasked read, a bulk import), written by the next save.</summary>
    public void Audit(AuditRecord record) => _pending.Add(record);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            // SQLite cannot compare DateTimeOffset as text; as numbers of UTC times (offset 0 everywhere) it can.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        KernelModel.Configure(builder, Provider);
        foreach (var c in _contributors)
        {
            c.Configure(builder, Provider);
        }
    }

    // Synchronous saves are refused: the audit append is asynchronous only.
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new InvalidOperationException("Use SaveChangesAsync: it writes the audit chain.");

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        SaveAuditedAsync(CollectRowChanges(), acceptAllChangesOnSuccess, cancellationToken);

    /// <summary>Saves a bulk change (seeding, imports) under one summary entry instead of one per row.</summary>
    public Task<int> SaveChangesAsync(AuditRecord summary, CancellationToken cancellationToken) =>
        SaveAuditedAsync([summary], acceptAllChangesOnSuccess: true, cancellationToken);

    private async Task<int> SaveAuditedAsync(List<AuditRecord> records, bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        records.AddRange(_pending);
        if (records.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var ownTransaction = Database.CurrentTransaction is null;
        var tx = ownTransaction ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await AppendAuditAsync(records, cancellationToken);
            var n = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (tx is not null)
            {
                await tx.CommitAsync(cancellationToken);
            }

            _pending.Clear();
            return n;
        }
        finally
        {
            if (tx is not null)
            {
                await tx.DisposeAsync();
            }
        }
    }

    private List<AuditRecord> CollectRowChanges()
    {
        var list = new List<AuditRecord>();
        foreach (var e in ChangeTracker.Entries())
        {
            if (e.Entity is AuditEntry or Events.OutboxMessage || e.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            var action = e.State switch
            {
                EntityState.Added => "create",
                EntityState.Modified => "update",
                _ => "delete",
            };
            // Property names only: values may be personal data or secrets.
            var details = e.State == EntityState.Modified
                ? string.Join(',', e.Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name))
                : null;
            list.Add(new AuditRecord(action, e.Metadata.ClrType.Name, KeyOf(e), details));
        }

        return list;
    }

    private static string KeyOf(EntityEntry e)
    {
        var key = e.Metadata.FindPrimaryKey();
        return key is null ? "" : string.Join('/', key.Properties.Select(p => e.Property(p.Name).CurrentValue?.ToString() ?? ""));
    }

    private async Task AppendAuditAsync(List<AuditRecord> records, CancellationToken ct)
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            // Serialises appends across every host sharing the database; released at commit.
            await Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AuditChain.AppendLockId})", ct);
        }

        // SQLite: the transaction began IMMEDIATE, which already holds the database's write lock.
        var tail = await AuditEntries.AsNoTracking().OrderByDescending(a => a.Seq)
            .Select(a => new { a.Seq, a.Hash }).FirstOrDefaultAsync(ct);
        var seq = tail?.Seq ?? 0;
        var prev = tail?.Hash ?? AuditChain.Genesis;
        var at = AuditChain.Truncate(_clock.GetUtcNow());
        var actor = _auditContext?.Actor ?? "system";
        foreach (var r in records)
        {
            var entry = new AuditEntry
            {
                Seq = ++seq,
                At = at,
                Actor = actor,
                Action = r.Action,
                EntityType = r.EntityType,
                EntityId = r.EntityId,
                Details = r.Details,
                Reason = r.Reason,
                PrevHash = prev,
            };
            entry.Hash = AuditChain.ComputeHash(entry);
            prev = entry.Hash;
            AuditEntries.Add(entry);
        }
    }
}
