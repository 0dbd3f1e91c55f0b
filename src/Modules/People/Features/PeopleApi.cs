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
using Yiwang.Kernel.Web;
using Yiwang.People.Data;
using Yiwang.People.Domain;
using Yiwang.People.Generation;

namespace Yiwang.People.Features;

/// <summary>The registry's HTTP surface: list, read, register and unmask persons, always inside the caller's scope.</summary>
internal static partial class PeopleApi
{
    internal sealed record PersonRow(
        Guid Id, string Name, string Sex, DateOnly BirthDate, int Age, string IdNumberMasked, string PhoneMasked,
        string Address, string CommunityCode, string? CommunityName);

    internal sealed record PersonDetail(
        Guid Id, string Name, string Sex, DateOnly BirthDate, int Age, string IdNumberMasked, string PhoneMasked,
        string Address, string CommunityCode, IReadOnlyList<string> JurisdictionPath, string Relation,
        IReadOnlyList<PersonRow> Household);

    internal sealed record CreatePerson(string? IdNumber, string? Name, string? Phone, string? Address, string? CommunityCode);

    internal sealed record UnmaskRequest(string? Reason);

    internal sealed record Unmasked(string IdNumber, string? Phone);

    public static RouteGroupBuilder MapPeopleApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/people").WithTags("People / 人口");
        g.MapGet("/", ListAsync).RequireAuthorization(nameof(Permission.PeopleRead));
        g.MapGet("/{id:guid}", GetAsync).RequireAuthorization(nameof(Permission.PeopleRead));
        g.MapPost("/", CreateAsync).RequireAuthorization(nameof(Permission.PeopleWrite));
        g.MapPost("/{id:guid}/unmask", UnmaskAsync).RequireAuthorization(nameof(Permission.PeopleUnmask));
        return g;
    }

    /// <summary>Server-paged search by name or address, within scope; optionally one community.</summary>
    internal static async Task<Results<Ok<Page<PersonRow>>, ProblemHttpResult>> ListAsync(
        YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock,
        string? q, string? community, int? page, int? pageSize, CancellationToken ct)
    {
        var p = PageRequest.Of(page, pageSize);
        var query = db.Set<Person>().AsNoTracking().InScope(user.Scope);
        if (!string.IsNullOrWhiteSpace(community))
        {
            if (!user.Scope.Contains(community))
            {
                return Problems.NotFound("该社区不存在或不在您的辖区内", "No such community in your jurisdiction");
            }

            query = query.Where(x => x.CommunityCode == community);
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            if (term.Length > 50)
            {
                return Problems.Status(400, "搜索词过长（最多 50 字）", "Search term too long (50 characters at most)", "query-too-long");
            }

            query = query.Where(x => x.Name.StartsWith(term) || x.Address.Contains(term));
        }

        var total = await query.LongCountAsync(ct);
        var rows = await query.OrderBy(x => x.Name).ThenBy(x => x.Id).Skip(p.Skip).Take(p.Size).ToListAsync(ct);
        var today = Today(clock);
        var items = new List<PersonRow>(rows.Count);
        foreach (var x in rows)
        {
            items.Add(await RowAsync(x, dir, today, ct));
        }

        return TypedResults.Ok(new Page<PersonRow>(items, total, p.Number, p.Size));
    }

    internal static async Task<Results<Ok<PersonDetail>, ProblemHttpResult>> GetAsync(
        Guid id, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock, CancellationToken ct)
    {
        var x = await db.Set<Person>().AsNoTracking().InScope(user.Scope).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (x is null)
        {
            return NotInScope();
        }

        var today = Today(clock);
        var members = x.HouseholdId is { } hid
            ? await db.Set<Person>().AsNoTracking().InScope(user.Scope).Where(p => p.HouseholdId == hid && p.Id != id)
                .OrderBy(p => p.BirthDate).Take(20).ToListAsync(ct)
            : [];
        var household = new List<PersonRow>();
        foreach (var m in members)
        {
            household.Add(await RowAsync(m, dir, today, ct));
        }

        var path = (await dir.PathAsync(x.CommunityCode, ct)).Select(u => u.Name).ToList();
        return TypedResults.Ok(new PersonDetail(
            x.Id, x.Name, SexText(x.Sex), x.BirthDate, Age(x.BirthDate, today), Masking.IdNumber(x.IdNumber), Masking.Phone(x.Phone),
            x.Address, x.CommunityCode, path, x.Relation.ToString(), household));
    }

    /// <summary>Registers one person by hand. Every field is checked before anything is written.</summary>
    internal static async Task<Results<Created<PersonRow>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreatePerson body, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock, CancellationToken ct)
    {
        var today = Today(clock);
        var errors = new FieldErrors();
        var check = ResidentIdentityNumber.Validate(body.IdNumber, today);
        if (!check.IsValid)
        {
            var msg = ResidentIdentityNumber.Describe(check.Error).Split(" / ");
            errors.Add("idNumber", msg[0], msg.Length > 1 ? msg[1] : msg[0]);
        }

        errors.PlainText("name", body.Name, 32, required: true);
        if (!string.IsNullOrWhiteSpace(body.Name) && !NamePattern().IsMatch(body.Name.Trim()))
        {
            errors.Add("name", "姓名只能包含汉字、字母、间隔号和空格", "A name may contain only Chinese characters, letters, middle dots and spaces");
        }

        if (!string.IsNullOrWhiteSpace(body.Phone) && !PhonePattern().IsMatch(body.Phone.Trim()))
        {
            errors.Add("phone", "手机号应为 11 位数字、以 1 开头", "A mobile number has 11 digits starting with 1");
        }

        errors.PlainText("address", body.Address, 200, required: true);
        JurisdictionUnit? community = null;
        if (string.IsNullOrWhiteSpace(body.CommunityCode))
        {
            errors.Add("communityCode", "必填", "Required");
        }
        else
        {
            community = await dir.FindAsync(body.CommunityCode.Trim(), ct);
            if (community is null || community.Level != JurisdictionLevel.Community)
            {
                errors.Add("communityCode", $"未知的社区/村代码：{Clip(body.CommunityCode)}", $"Unknown community code {Clip(body.CommunityCode)}");
                community = null;
            }
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        if (!user.Scope.Contains(community!.Code))
        {
            return Problems.Forbidden("不能在辖区以外登记人员", "You cannot register a person outside your jurisdiction");
        }

        if (await db.Set<Person>().AnyAsync(p => p.IdNumber == check.Normalized, ct))
        {
            return Problems.Conflict("该身份证号已登记", "A person with this identity number is already registered");
        }

        var now = clock.GetUtcNow();
        var person = new Person
        {
            Id = Guid.CreateVersion7(now),
            IdNumber = check.Normalized!,
            Name = body.Name!.Trim(),
            Sex = check.Sex!.Value,
            BirthDate = check.BirthDate!.Value,
            Phone = string.IsNullOrWhiteSpace(body.Phone) ? null : body.Phone.Trim(),
            Address = body.Address!.Trim(),
            CommunityCode = community.Code,
            StreetCode = community.ParentCode!,
            Relation = HouseholdRelation.Head,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(person);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/people/{person.Id}", await RowAsync(person, dir, today, ct));
    }

    /// <summary>Shows the full identity number and phone once, for a stated reason that lands in the audit log.</summary>
    internal static async Task<Results<Ok<Unmasked>, ValidationProblem, ProblemHttpResult>> UnmaskAsync(
        Guid id, UnmaskRequest body, YiwangDbContext db, CurrentUser user, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.PlainText("reason", body.Reason, 200, required: true);
        if (!string.IsNullOrWhiteSpace(body.Reason) && body.Reason.Trim().Length < 4)
        {
            errors.Add("reason", "请写明查看完整号码的理由（至少 4 个字）", "State why you need the full number (4 characters at least)");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var x = await db.Set<Person>().AsNoTracking().InScope(user.Scope)
            .Where(p => p.Id == id).Select(p => new { p.IdNumber, p.Phone }).FirstOrDefaultAsync(ct);
        if (x is null)
        {
            return NotInScope();
        }

        db.Audit(new AuditRecord("unmask", nameof(Person), id.ToString(), "IdNumber,Phone", body.Reason!.Trim()));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new Unmasked(x.IdNumber, x.Phone));
    }

    internal static ProblemHttpResult NotInScope() =>
        Problems.NotFound("该人员不存在或不在您的辖区内", "No such person in your jurisdiction");

    private static async Task<PersonRow> RowAsync(Person x, JurisdictionDirectory dir, DateOnly today, CancellationToken ct) =>
        new(x.Id, x.Name, SexText(x.Sex), x.BirthDate, Age(x.BirthDate, today), Masking.IdNumber(x.IdNumber), Masking.Phone(x.Phone),
            x.Address, x.CommunityCode, (await dir.FindAsync(x.CommunityCode, ct))?.Name);

    internal static DateOnly Today(TimeProvider clock) => DistrictTime.Today(clock);

    internal static int Age(DateOnly birth, DateOnly today) =>
        today.Year - birth.Year - (today < birth.AddYears(today.Year - birth.Year) ? 1 : 0);

    internal static string SexText(Sex s) => s == Sex.Male ? "男" : "女";

    private static string Clip(string s) => s.Length > 20 ? s[..20] + "…" : s;

    [GeneratedRegex(@"^[\p{IsCJKUnifiedIdeographs}A-Za-z·• ]{1,32}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex PhonePattern();
}
