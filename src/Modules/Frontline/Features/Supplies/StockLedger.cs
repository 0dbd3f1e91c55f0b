using Microsoft.EntityFrameworkCore;
using Yiwang.Frontline.Domain.Supplies;
using Yiwang.Kernel.Data;

namespace Yiwang.Frontline.Features.Supplies;

/// <summary>A unit did not hold enough of an item for a movement.</summary>
internal sealed record Shortfall(string UnitCode, SupplyItem Item, string Name, long Available, long Needed);

/// <summary>
/// Posting to the stock ledger: entries are appended and each touched balance is moved in the same unit of work,
/// with the balance row's version as a concurrency check. The caller saves once (entries, balances, the business
/// change and the audit in one transaction); a concurrent writer that moved the same balance first makes that save
/// fail with <see cref="DbUpdateConcurrencyException"/>, and <see cref="RetryAsync"/> runs the whole use case
/// again against the new balance — so two allocations can never overdraw a unit together.
/// </summary>
internal static class StockLedger
{
    public const int Attempts = 4;

    /// <summary>Adds the entries and moves the balances (tracked, unsaved); a shortfall means nothing may be saved.</summary>
    public static async Task<Shortfall?> PostAsync(YiwangDbContext db, IReadOnlyList<StockEntry> entries, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var g in entries.GroupBy(e => (e.UnitCode, e.Item, e.Name)))
        {
            var (unit, item, name) = g.Key;
            var delta = g.Sum(e => e.Quantity);
            var balance = await db.Set<StockBalance>().FirstOrDefaultAsync(b => b.UnitCode == unit && b.Item == item && b.Name == name, ct);
            var available = balance?.Quantity ?? 0;
            if (available + delta < 0)
            {
                return new Shortfall(unit, item, name, available, -delta);
            }

            if (balance is null)
            {
                balance = new StockBalance { UnitCode = unit, Item = item, Name = name };
                db.Add(balance);
            }
            else
            {
                balance.Version++;
            }

            balance.Quantity += delta;
            balance.UpdatedAt = now;
        }

        db.AddRange(entries);
        return null;
    }

    /// <summary>
    /// Runs a use case that saves once, again from a clean slate when a concurrent save moved the same rows first
    /// (a version check failed, or two first receipts raced to create one balance row).
    /// </summary>
    public static async Task<T> RetryAsync<T>(YiwangDbContext db, Func<Task<T>> attempt, Func<T> gaveUp)
    {
        for (var i = 1; ; i++)
        {
            try
            {
                return await attempt();
            }
            catch (DbUpdateException) when (i < Attempts)
            {
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                return gaveUp();
            }
        }
    }
}
