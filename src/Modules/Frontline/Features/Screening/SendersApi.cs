using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using System.Text.RegularExpressions;
using Yiwang.Frontline.Domain.Screening;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Web;

namespace Yiwang.Frontline.Features.Screening;

/// <summary>
/// Screening senders (external face, plate and door systems) and their ECDSA P-256 public keys. Registered by the
/// administrator (who registers every source system) or the district command centre.
/// </summary>
internal static partial class SendersApi
{
    internal sealed record SenderRow(Guid Id, string Code, string Name, string Kind, bool Active, string KeyFingerprint, DateTimeOffset CreatedAt, string CreatedBy);

    internal sealed record SenderInput(string? Code, string? Name, string? Kind, string? PublicKey);

    public static RouteGroupBuilder MapSendersApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/screening/senders").WithTags("Frontline / 卡口").RequireAuthorization();
        g.MapGet("/", ListAsync);
        g.MapPost("/", CreateAsync);
        g.MapPost("/{id:guid}/disable", DisableAsync);
        return g;
    }

    /// <summary>The administrator (SourcesManage) or the district command centre (DirectivesIssue).</summary>
    internal static bool MayManage(CurrentUser user) => user.Has(Permission.SourcesManage) || user.Has(Permission.DirectivesIssue);

    internal static async Task<Results<Ok<List<SenderRow>>, ProblemHttpResult>> ListAsync(YiwangDbContext db, CurrentUser user, CancellationToken ct)
    {
        if (!MayManage(user))
        {
            return Forbidden();
        }

        var rows = await db.Set<ScreeningSender>().AsNoTracking().OrderBy(s => s.Code).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(Row).ToList());
    }

    internal static async Task<Results<Created<SenderRow>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        SenderInput body, YiwangDbContext db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        if (!MayManage(user))
        {
            return Forbidden();
        }

        var errors = new FieldErrors();
        var code = body.Code?.Trim() ?? "";
        if (!CodePattern().IsMatch(code))
        {
            errors.Add("code", "代码为 3–64 位小写字母、数字或连字符", "The code is 3–64 lower-case letters, digits or hyphens");
        }

        errors.PlainText("name", body.Name, 100, required: true);
        if (!Enum.TryParse<ScreeningSystemKind>(body.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
        {
            errors.Add("kind", "系统类型应为 Face（人脸）、Plate（车牌）或 Door（门禁）", "Kind is Face, Plate or Door");
        }

        var key = ScreeningSignature.ParsePublicKey(body.PublicKey, out var zh, out var en);
        if (key is null)
        {
            errors.Add("publicKey", zh!, en!);
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        if (await db.Set<ScreeningSender>().AnyAsync(s => s.Code == code, ct))
        {
            return Problems.Conflict("该代码已被使用", "This code is already registered");
        }

        var now = clock.GetUtcNow();
        var sender = new ScreeningSender
        {
            Id = Guid.CreateVersion7(now),
            Code = code,
            Name = body.Name!.Trim(),
            Kind = kind,
            PublicKey = key!,
            CreatedAt = now,
            CreatedBy = user.Actor,
        };
        db.Add(sender);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/screening/senders/{sender.Id}", Row(sender));
    }

    /// <summary>Stops accepting a sender's events (a leaked key, a retired system); register a new code for a new key.</summary>
    internal static async Task<Results<Ok<SenderRow>, ProblemHttpResult>> DisableAsync(Guid id, YiwangDbContext db, CurrentUser user, CancellationToken ct)
    {
        if (!MayManage(user))
        {
            return Forbidden();
        }

        var s = await db.Set<ScreeningSender>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null)
        {
            return Problems.NotFound("该发送方不存在", "No such sender");
        }

        s.Active = false;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Row(s));
    }

    /// <summary>First 16 hex digits of SHA-256 of the key: what an operator compares with the vendor by phone.</summary>
    internal static string Fingerprint(byte[] key) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(key))[..16];

    private static SenderRow Row(ScreeningSender s) =>
        new(s.Id, s.Code, s.Name, s.Kind.ToString(), s.Active, Fingerprint(s.PublicKey), s.CreatedAt, s.CreatedBy);

    private static ProblemHttpResult Forbidden() =>
        Problems.Forbidden("只有系统管理员或区指挥部可以管理比对系统", "Only the administrator or the district command centre manage screening senders");

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{2,63}$")]
    private static partial Regex CodePattern();
}
