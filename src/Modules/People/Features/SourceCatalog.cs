using Microsoft.EntityFrameworkCore;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Accounts;
using Yiwang.Kernel.Audit;
using Yiwang.Kernel.Data;
using Yiwang.People.Domain;
using Yiwang.People.Intake;

namespace Yiwang.People.Features;

/// <summary>Registering source systems: each gets a kernel API client (a key bound to its unit) and a declared record type.</summary>
internal static class SourceCatalog
{
    /// <summary>The agencies of the report, registered on first run so a newcomer can import at once.</summary>
    public static readonly (string Code, string Name, RecordType Type)[] Defaults =
    [
        ("gaj-huji", "区公安分局户籍系统", RecordType.HouseholdRegistration),
        ("cdc-cases", "区疾控中心传染病报告", RecordType.CaseReport),
        ("hospital-fever", "区人民医院发热门诊", RecordType.FeverClinicVisit),
        ("mz-civil", "区民政局救助名单", RecordType.CivilAffairsList),
        ("manual", "社区人工录入", RecordType.ManualEntry),
    ];

    public static async Task EnsureDefaultsAsync(YiwangDbContext db, TimeProvider clock, CancellationToken ct)
    {
        foreach (var (code, name, type) in Defaults)
        {
            if (!await db.Set<SourceSystem>().AnyAsync(s => s.Code == code, ct))
            {
                await RegisterAsync(db, code, name, type, AccessScope.DistrictCode, clock, ct);
            }
        }
    }

    /// <summary>Creates the source and its key; the key is returned once and only its hash is stored.</summary>
    public static async Task<(SourceSystem Source, string ApiKey)> RegisterAsync(
        YiwangDbContext db, string code, string name, RecordType type, string jurisdictionCode, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (key, prefix, hash) = ApiKeys.Create();
        var client = new ApiClient
        {
            Id = Guid.CreateVersion7(now),
            Name = code,
            Role = AccountRole.SourceSystem,
            JurisdictionCode = jurisdictionCode,
            KeyPrefix = prefix,
            KeyHash = hash,
            CreatedAt = now,
        };
        var source = new SourceSystem
        {
            Id = Guid.CreateVersion7(now),
            Code = code,
            Name = name,
            RecordType = type,
            JurisdictionCode = jurisdictionCode,
            ApiClientId = client.Id,
            CreatedAt = now,
        };
        db.ApiClients.Add(client);
        db.Add(source);
        await db.SaveChangesAsync(ct);
        return (source, key);
    }

    /// <summary>The source an API key belongs to (its client's name is the source code).</summary>
    public static Task<SourceSystem?> ForClientAsync(YiwangDbContext db, string clientName, CancellationToken ct) =>
        db.Set<SourceSystem>().AsNoTracking().FirstOrDefaultAsync(s => s.Code == clientName && s.Active, ct);

    public static Task<SourceSystem?> FindAsync(YiwangDbContext db, string code, CancellationToken ct) =>
        db.Set<SourceSystem>().AsNoTracking().FirstOrDefaultAsync(s => s.Code == code && s.Active, ct);
}
