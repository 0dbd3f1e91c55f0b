using Microsoft.EntityFrameworkCore;
using Yiwang.Kernel.Data;

namespace Yiwang.Host.Startup;

/// <summary>
/// Makes first-run seeding happen once when several hosts start against one PostgreSQL: a session advisory
/// lock held on the context's connection. SQLite is a single-host database; there it is a no-op.
/// </summary>
internal sealed class SeedLock : IAsyncDisposable
{
    private const long LockId = 4_201_160_002;
    private readonly YiwangDbContext? _db;

    private SeedLock(YiwangDbContext? db) => _db = db;

    public static async Task<SeedLock> AcquireAsync(YiwangDbContext db, CancellationToken ct)
    {
        if (db.Provider != DatabaseProvider.Postgres)
        {
            return new SeedLock(null);
        }

        await db.Database.OpenConnectionAsync(ct);
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({LockId})", ct);
        return new SeedLock(db);
    }

    public async ValueTask DisposeAsync()
    {
        if (_db is not null)
        {
            await _db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({LockId})");
            await _db.Database.CloseConnectionAsync();
        }
    }
}
