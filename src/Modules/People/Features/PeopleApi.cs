using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Audit;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Identity;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.Privacy;
using Yiwang.Kernel.Time;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;
using Yiwang.People.Data;
using Yiwang.People.Domain;
using Yiwang.People.Generation;
using Yiwang.People.Intake.Validation;
using Yiwang.People.Localization;

namespace Yiwang.People.Features;

/// <summary>The registry's HTTP surface: list, read, register and unmask persons, always inside the caller's scope.</summary>
internal static partial class PeopleApi
{
    internal sealed record PersonRow(
        Guid Id, string Name, string Sex, DateOnly? BirthDate, int? Age, string IdNumberMasked, string PhoneMasked,
        string Address, string CommunityCode, string? CommunityName);

    internal sealed record FlagView(string Kind, bool Active, DateOnly? Since, string Source, DateTimeOffset UpdatedAt);

    internal sealed record RecordView(
        Guid Id, string Source, string SourceName, string RecordType, string ExternalId, string Status, int Version,
        DateTimeOffset ReceivedAt, DateTimeOffset UpdatedAt);

    internal sealed record HistoryView(DateTimeOffset At, string What, string Source, int? Version);

    internal sealed record PersonDetail(
        Guid Id, string Name, string Sex, DateOnly? BirthDate, int? Age, string IdNumberMasked, string PhoneMasked,
        string Address, string CommunityCode, IReadOnlyList<string> JurisdictionPath, string Relation, bool HasIdNumber,
        IReadOnlyList<PersonRow> Household, IReadOnlyList<FlagView> Flags, IReadOnlyList<RecordView> Records,
        IReadOnlyList<HistoryView> History);

    internal sealed record CreatePerson(string? IdNumber, string? Name, string? Phone, string? Address, string? CommunityCode);

    internal sealed record UnmaskRequest(string? Reason);

    internal sealed record Unmasked(string? IdNumber, string? Phone);

    public static RouteGroupBuilder MapPeopleApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/people").WithTags("People / 人口");
        g.MapGet("/", async (YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock,
                string? q, string? community, int? page, int? pageSize, CancellationToken ct) =>
            (await ListAsync(db, user, dir, clock, q, community, page, pageSize, ct)).ToOk())
            .RequireAuthorization(nameof(Permission.PeopleRead));
        g.MapGet("/{id:guid}", async (Guid id, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock, CancellationToken ct) =>
            (await GetAsync(id, db, user, dir, clock, ct)).ToOk()).RequireAuthorization(nameof(Permission.PeopleRead));
        g.MapGet("/export.{format}", ExportAsync).RequireAuthorization(nameof(Permission.PeopleExport));
        g.MapPost("/", async (CreatePerson body, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock, CancellationToken ct) =>
            (await CreateAsync(body, db, user, dir, clock, ct)).ToCreated(p => $"/api/people/{p.Id}")).RequireAuthorization(nameof(Permission.PeopleWrite));
        g.MapPost("/{id:guid}/unmask", async (Guid id, UnmaskRequest body, YiwangDbContext db, CurrentUser user, CancellationToken ct) =>
            (await UnmaskAsync(id, body, db, user, ct)).ToOk()).RequireAuthorization(nameof(Permission.PeopleUnmask));
        return g;
    }

    /// <summary>The persons a user may list: in scope, not merged away, optionally one community, matching the term.</summary>
    internal static Refusal? Filter(YiwangDbContext db, CurrentUser user, string? q, string? community, out IQueryable<Person> query)
    {
        query = db.Set<Person>().AsNoTracking().InScope(user.Scope).Where(p => p.MergedIntoId == null);
        if (!string.IsNullOrWhiteSpace(community))
        {
            if (!user.Scope.Contains(community))
            {
                return Refusal.NotFound(new Text(typeof(PeopleText), "CommunityNotInScope"));
            }

            query = query.Where(x => x.CommunityCode == community);
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            if (term.Length > 50)
            {
                return Refusal.BadRequest(new Text(typeof(PeopleText), "QueryTooLong"), "query-too-long");
            }

            query = Matching(query, term);
        }

        return null;
    }

    /// <summary>
    /// Persons matching a search term (trimmed, 1–50 characters): the last four characters of the identity number (what
    /// a masked number shows), a mobile number, else a name prefix or part of an address.
    /// </summary>
    internal static IQueryable<Person> Matching(IQueryable<Person> query, string term)
    {
        if (IdSuffixPattern().IsMatch(term))
        {
            var suffix = term.ToUpperInvariant();
            return query.Where(x => x.IdSuffix == suffix);
        }

        if (term[0] is >= '0' and <= '9' && RecordValidator.TryNormalizePhone(term, out var phone))
        {
            return query.Where(x => x.Phone == phone);
        }

        return query.Where(x => x.Name.StartsWith(term) || x.Address.Contains(term));
    }

    /// <summary>Server-paged search within scope.</summary>
    internal static async Task<Result<Page<PersonRow>>> ListAsync(
        YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock,
        string? q, string? community, int? page, int? pageSize, CancellationToken ct)
    {
        var p = PageRequest.Of(page, pageSize);
        if (Filter(db, user, q, community, out var query) is { } refusal)
        {
            return refusal;
        }

        var total = await query.LongCountAsync(ct);
        var rows = await query.OrderBy(x => x.Name).ThenBy(x => x.Id).Skip(p.Skip).Take(p.Size).ToListAsync(ct);
        var today = Today(clock);
        var items = new List<PersonRow>(rows.Count);
        foreach (var x in rows)
        {
            items.Add(await RowAsync(x, dir, today, ct));
        }

        return new Page<PersonRow>(items, total, p.Number, p.Size);
    }

    /// <summary>The same list as a file, streamed, masked: what officials pass around.</summary>
    internal static async Task<IResult> ExportAsync(
        string format, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock,
        string? q, string? community, HttpContext http, CancellationToken ct)
    {
        if (Downloads.FormatRefusal(format) is { } badFormat)
        {
            return Problems.From(badFormat);
        }

        if (Filter(db, user, q, community, out var query) is { } refusal)
        {
            return Problems.From(refusal);
        }

        var names = (await dir.CommunitiesInAsync(user.Scope, ct)).ToDictionary(c => c.Code, c => c.Name);
        var today = Today(clock);
        (string, Func<Person, string?>)[] columns =
        [
            (Column("Name"), x => x.Name),
            (Column("Sex"), x => SexText(x.Sex)),
            (Column("Age"), x => x.BirthDate is { } b ? Age(b, today).ToString(System.Globalization.CultureInfo.InvariantCulture) : ""),
            (Column("IdNumber"), x => Masking.IdNumber(x.IdNumber)),
            (Column("Phone"), x => Masking.Phone(x.Phone)),
            (Column("Community"), x => names.GetValueOrDefault(x.CommunityCode) ?? x.CommunityCode),
            (Column("Address"), x => x.Address),
        ];
        db.Audit(new AuditRecord("export", nameof(Person), null, $"{format}; q={q}; community={community}; scope={user.Scope.Code}"));
        await db.SaveChangesAsync(ct);
        var rows = query.OrderBy(x => x.CommunityCode).ThenBy(x => x.Name).ThenBy(x => x.Id).AsAsyncEnumerable();
        return await Downloads.WriteAsync(http, format, "people", columns, rows, ct);
    }

    /// <summary>The 360° view: identity (masked), household, every linked source record, current flags, history.</summary>
    internal static async Task<Result<PersonDetail>> GetAsync(
        Guid id, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock, CancellationToken ct)
    {
        var x = await db.Set<Person>().AsNoTracking().InScope(user.Scope).FirstOrDefaultAsync(p => p.Id == id && p.MergedIntoId == null, ct);
        if (x is null)
        {
            return NotInScope();
        }

        var today = Today(clock);
        var members = x.HouseholdId is { } hid
            ? await db.Set<Person>().AsNoTracking().InScope(user.Scope).Where(p => p.HouseholdId == hid && p.Id != id && p.MergedIntoId == null)
                .OrderBy(p => p.BirthDate).Take(20).ToListAsync(ct)
            : [];
        var household = new List<PersonRow>();
        foreach (var m in members)
        {
            household.Add(await RowAsync(m, dir, today, ct));
        }

        var sources = await db.Set<SourceSystem>().AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
        var records = await db.Set<SourceRecord>().AsNoTracking().Where(r => r.PersonId == id)
            .OrderByDescending(r => r.UpdatedAt).Take(200).ToListAsync(ct);
        var recordIds = records.Select(r => r.Id).ToList();
        var flags = await db.Set<PersonFlag>().AsNoTracking().Where(f => f.PersonId == id).OrderByDescending(f => f.UpdatedAt).ToListAsync(ct);
        var versions = await db.Set<SourceRecordVersion>().AsNoTracking().Where(v => recordIds.Contains(v.SourceRecordId))
            .OrderByDescending(v => v.ReplacedAt).Take(200).ToListAsync(ct);
        var merges = await db.Set<PersonMerge>().AsNoTracking().Where(m => m.SurvivorId == id).ToListAsync(ct);
        string SourceOf(Guid sourceId) => sources.TryGetValue(sourceId, out var s) ? s.Code : "?";
        var recordSource = records.ToDictionary(r => r.Id, r => SourceOf(r.SourceSystemId));

        var history = new List<HistoryView>();
        history.AddRange(records.Select(r => new HistoryView(r.ReceivedAt, "record-received", recordSource[r.Id], 1)));
        history.AddRange(records.Where(r => r.Version > 1).Select(r => new HistoryView(r.UpdatedAt, "record-updated", recordSource[r.Id], r.Version)));
        history.AddRange(versions.Select(v => new HistoryView(v.ReplacedAt, "version-replaced", recordSource.GetValueOrDefault(v.SourceRecordId) ?? "?", v.Version)));
        history.AddRange(flags.Select(f => new HistoryView(f.UpdatedAt, (f.Active ? "flag-set:" : "flag-cleared:") + f.Kind, recordSource.GetValueOrDefault(f.SourceRecordId) ?? "merge", null)));
        history.AddRange(merges.Select(m => new HistoryView(m.MergedAt, m.UndoneAt is null ? "merged-in" : "merge-undone", m.MergedBy, null)));
        history.Add(new HistoryView(x.CreatedAt, "created", "", null));

        var path = (await dir.PathAsync(x.CommunityCode, ct)).Select(u => u.Name).ToList();
        return new PersonDetail(
            x.Id, x.Name, SexText(x.Sex), x.BirthDate, x.BirthDate is { } b ? Age(b, today) : null, Masking.IdNumber(x.IdNumber), Masking.Phone(x.Phone),
            x.Address, x.CommunityCode, path, x.Relation.ToString(), x.IdNumber is not null, household,
            [.. flags.Select(f => new FlagView(f.Kind.ToString(), f.Active, f.Since, recordSource.GetValueOrDefault(f.SourceRecordId) ?? "merge", f.UpdatedAt))],
            [.. records.Select(r => new RecordView(r.Id, recordSource[r.Id], sources.TryGetValue(r.SourceSystemId, out var s) ? s.Name : "?",
                r.RecordType.ToString(), r.ExternalId, r.Status.ToString(), r.Version, r.ReceivedAt, r.UpdatedAt))],
            [.. history.OrderByDescending(h => h.At)]);
    }

    /// <summary>Registers one person by hand. Every field is checked before anything is written.</summary>
    internal static async Task<Result<PersonRow>> CreateAsync(
        CreatePerson body, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock, CancellationToken ct)
    {
        var today = Today(clock);
        var errors = new FieldErrors();
        var check = ResidentIdentityNumber.Validate(body.IdNumber, today);
        if (!check.IsValid)
        {
            errors.Add("idNumber", new Text(typeof(PeopleText), "IdNumber." + check.Error));
        }

        errors.PlainText("name", body.Name, 32, required: true);
        if (!string.IsNullOrWhiteSpace(body.Name) && !RecordValidator.IsValidName(body.Name.Trim()))
        {
            errors.Add("name", new Text(typeof(PeopleText), "NameCharacters"));
        }

        string? phone = null;
        if (!string.IsNullOrWhiteSpace(body.Phone) && !RecordValidator.TryNormalizePhone(body.Phone.Trim(), out phone))
        {
            errors.Add("phone", new Text(typeof(PeopleText), "PhoneFormat"));
        }

        errors.PlainText("address", body.Address, 200, required: true);
        JurisdictionUnit? community = null;
        if (string.IsNullOrWhiteSpace(body.CommunityCode))
        {
            errors.Required("communityCode");
        }
        else
        {
            community = await dir.FindAsync(body.CommunityCode.Trim(), ct);
            if (community is null || community.Level != JurisdictionLevel.Community)
            {
                errors.Add("communityCode", new Text(typeof(PeopleText), "UnknownCommunity", Clip(body.CommunityCode)));
                community = null;
            }
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        if (!user.Scope.Contains(community!.Code))
        {
            return Refusal.Forbidden(new Text(typeof(PeopleText), "RegisterOutsideScope"));
        }

        if (await db.Set<Person>().AnyAsync(p => p.IdNumber == check.Normalized, ct))
        {
            return Refusal.Conflict(new Text(typeof(PeopleText), "IdNumberRegistered"));
        }

        var now = clock.GetUtcNow();
        var person = new Person
        {
            Id = Guid.CreateVersion7(now),
            IdNumber = check.Normalized!,
            IdSuffix = check.Normalized![^4..],
            Name = body.Name!.Trim(),
            Sex = check.Sex!.Value,
            BirthDate = check.BirthDate!.Value,
            Phone = phone,
            Address = body.Address!.Trim(),
            CommunityCode = community.Code,
            StreetCode = community.ParentCode!,
            Relation = HouseholdRelation.Head,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(person);
        await db.SaveChangesAsync(ct);
        return await RowAsync(person, dir, today, ct);
    }

    /// <summary>Shows the full identity number and phone once, for a stated reason that lands in the audit log.</summary>
    internal static async Task<Result<Unmasked>> UnmaskAsync(
        Guid id, UnmaskRequest body, YiwangDbContext db, CurrentUser user, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.PlainText("reason", body.Reason, 200, required: true);
        if (!string.IsNullOrWhiteSpace(body.Reason) && body.Reason.Trim().Length < 4)
        {
            errors.Add("reason", new Text(typeof(PeopleText), "UnmaskReasonTooShort"));
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var x = await db.Set<Person>().AsNoTracking().InScope(user.Scope)
            .Where(p => p.Id == id && p.MergedIntoId == null).Select(p => new { p.IdNumber, p.Phone }).FirstOrDefaultAsync(ct);
        if (x is null)
        {
            return NotInScope();
        }

        db.Audit(new AuditRecord("unmask", nameof(Person), id.ToString(), "IdNumber,Phone", body.Reason!.Trim()));
        await db.SaveChangesAsync(ct);
        return new Unmasked(x.IdNumber, x.Phone);
    }

    internal static Refusal NotInScope() => Refusal.NotFound(new Text(typeof(PeopleText), "PersonNotInScope"));

    /// <summary>Export headers carry both languages ("姓名 Name"): the files travel between Chinese and English readers.</summary>
    internal static string Column(string key)
    {
        var text = new Text(typeof(PeopleText), "Column." + key);
        return $"{text.Render(Text.Chinese)} {text.Render(Text.English)}";
    }

    private static async Task<PersonRow> RowAsync(Person x, JurisdictionDirectory dir, DateOnly today, CancellationToken ct) =>
        new(x.Id, x.Name, SexText(x.Sex), x.BirthDate, x.BirthDate is { } b ? Age(b, today) : null, Masking.IdNumber(x.IdNumber), Masking.Phone(x.Phone),
            x.Address, x.CommunityCode, (await dir.FindAsync(x.CommunityCode, ct))?.Name);

    internal static DateOnly Today(TimeProvider clock) => DistrictTime.Today(clock);

    internal static int Age(DateOnly birth, DateOnly today) =>
        today.Year - birth.Year - (today < birth.AddYears(today.Year - birth.Year) ? 1 : 0);

    internal static string SexText(Sex? s) => s switch
    {
        Sex.Male => "男",
        Sex.Female => "女",
        _ => "",
    };

    private static string Clip(string s) => s.Length > 20 ? s[..20] + "…" : s;

    [GeneratedRegex(@"^\d{3}[\dXx]$")]
    private static partial Regex IdSuffixPattern();

}
