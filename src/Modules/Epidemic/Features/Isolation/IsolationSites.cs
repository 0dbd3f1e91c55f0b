using Microsoft.EntityFrameworkCore;
using Yiwang.Epidemic.Domain.Isolation;
using Yiwang.Epidemic.Localization;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Audit;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;

namespace Yiwang.Epidemic.Features.Isolation;

/// <summary>Isolation sites: created by the district or a township, edited without ever dropping below the beds taken.</summary>
internal sealed class IsolationSites(YiwangDbContext db, JurisdictionDirectory jurisdictions, TimeProvider clock, IAuditContext audit)
{
    internal sealed record SiteInput(string? Name, string? Kind, string? Address, string? UnitCode, int? Capacity, bool? Active, uint? Version);

    public async Task<Result<IsolationSite>> CreateAsync(SiteInput input, AccessScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.PlainText("name", input.Name, 100, required: true);
        errors.PlainText("address", input.Address, 200, required: true);
        var kind = ParseKind(input.Kind, errors);
        CheckCapacity(input.Capacity, errors);
        var unit = (input.UnitCode ?? "").Trim();
        if (unit.Length is not (6 or 9) || await jurisdictions.FindAsync(unit, ct) is null)
        {
            errors.Add("unitCode", EpidemicText.Of("Field.SiteUnit"));
        }
        else if (!scope.Contains(unit))
        {
            errors.Add("unitCode", EpidemicText.Of("Field.SiteUnitOutsideScope"));
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var now = clock.GetUtcNow();
        var site = new IsolationSite
        {
            Id = Guid.CreateVersion7(),
            Name = input.Name!.Trim(),
            Kind = kind,
            Address = input.Address!.Trim(),
            UnitCode = unit,
            Capacity = input.Capacity!.Value,
            Active = input.Active ?? true,
            CreatedAt = now,
            UpdatedAt = now,
            UpdatedBy = audit.Actor,
        };
        db.Add(site);
        await db.SaveChangesAsync(ct);
        return site;
    }

    /// <summary>Edits name, address, capacity and the active flag. Capacity never goes below the beds taken.</summary>
    public async Task<Result<IsolationSite>> UpdateAsync(Guid id, SiteInput input, AccessScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.PlainText("name", input.Name, 100, required: true);
        errors.PlainText("address", input.Address, 200, required: true);
        CheckCapacity(input.Capacity, errors);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Lock the row first so a concurrent assignment cannot take a bed between the check and the save.
        if (await SiteBeds.LockAsync(db, [id], ct) == 0)
        {
            return IsolationRefusals.SiteNotFound();
        }

        var site = await db.Set<IsolationSite>().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (site is null || !scope.Contains(site.UnitCode))
        {
            return IsolationRefusals.SiteNotFound();
        }

        if (input.Version is { } v && v != site.Version)
        {
            return IsolationRefusals.Stale();
        }

        if (input.Capacity!.Value < site.Occupied)
        {
            return Refusal.Conflict(EpidemicText.Of("Problem.CapacityBelowOccupancy", site.Occupied), "capacity-below-occupancy");
        }

        site.Name = input.Name!.Trim();
        site.Address = input.Address!.Trim();
        site.Capacity = input.Capacity.Value;
        site.Active = input.Active ?? site.Active;
        site.UpdatedAt = clock.GetUtcNow();
        site.UpdatedBy = audit.Actor;
        site.Version++;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return site;
    }

    private static IsolationKind ParseKind(string? kind, FieldErrors errors)
    {
        if (Enum.TryParse<IsolationKind>(kind, ignoreCase: true, out var k) && k is IsolationKind.Hotel or IsolationKind.Hospital)
        {
            return k;
        }

        errors.Add("kind", EpidemicText.Of("Field.SiteKind"));
        return IsolationKind.Hotel;
    }

    private static void CheckCapacity(int? capacity, FieldErrors errors)
    {
        if (capacity is not (>= 1 and <= 10_000))
        {
            errors.Add("capacity", EpidemicText.Of("Field.SiteCapacity"));
        }
    }
}
