using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using System.Text.RegularExpressions;
using Yiwang.Frontline.Domain.Screening;
using Yiwang.Frontline.Localization;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.UseCases;
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
        g.MapGet("/", async (FrontlineContext c, CancellationToken ct) => (await ListAsync(c, ct)).ToOk());
        g.MapPost("/", async (SenderInput body, FrontlineContext c, CancellationToken ct) =>
            (await CreateAsync(body, c, ct)).ToCreated(r => $"/api/screening/senders/{r.Id}"));
        g.MapPost("/{id:guid}/disable", async (Guid id, FrontlineContext c, CancellationToken ct) => (await DisableAsync(id, c, ct)).ToOk());
        return g;
    }

    /// <summary>The administrator (SourcesManage) or the district command centre (DirectivesIssue).</summary>
    internal static bool MayManage(CurrentUser user) => user.Has(Permission.SourcesManage) || user.Has(Permission.DirectivesIssue);

    internal static async Task<Result<List<SenderRow>>> ListAsync(FrontlineContext c, CancellationToken ct)
    {
        if (!MayManage(c.User))
        {
            return Forbidden();
        }

        var rows = await c.Db.Set<ScreeningSender>().AsNoTracking().OrderBy(s => s.Code).ToListAsync(ct);
        return rows.Select(Row).ToList();
    }

    internal static async Task<Result<SenderRow>> CreateAsync(SenderInput body, FrontlineContext c, CancellationToken ct)
    {
        if (!MayManage(c.User))
        {
            return Forbidden();
        }

        var errors = new FieldErrors();
        var code = body.Code?.Trim() ?? "";
        if (!CodePattern().IsMatch(code))
        {
            errors.Add("code", FrontlineText.Of("Field_SenderCode"));
        }

        errors.PlainText("name", body.Name, 100, required: true);
        if (!Enum.TryParse<ScreeningSystemKind>(body.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
        {
            errors.Add("kind", FrontlineText.Of("Field_SenderKind"));
        }

        var key = ScreeningSignature.ParsePublicKey(body.PublicKey, out var keyError);
        if (key is null)
        {
            errors.Add("publicKey", keyError!);
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        if (await c.Db.Set<ScreeningSender>().AnyAsync(s => s.Code == code, ct))
        {
            return Refusal.Conflict(FrontlineText.Of("Refusal_SenderCodeTaken"));
        }

        var now = c.Clock.GetUtcNow();
        var sender = new ScreeningSender
        {
            Id = Guid.CreateVersion7(now),
            Code = code,
            Name = body.Name!.Trim(),
            Kind = kind,
            PublicKey = key!,
            CreatedAt = now,
            CreatedBy = c.User.Actor,
        };
        c.Db.Add(sender);
        await c.Db.SaveChangesAsync(ct);
        return Row(sender);
    }

    /// <summary>Stops accepting a sender's events (a leaked key, a retired system); register a new code for a new key.</summary>
    internal static async Task<Result<SenderRow>> DisableAsync(Guid id, FrontlineContext c, CancellationToken ct)
    {
        if (!MayManage(c.User))
        {
            return Forbidden();
        }

        var s = await c.Db.Set<ScreeningSender>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null)
        {
            return Refusal.NotFound(FrontlineText.Of("Refusal_NoSender"));
        }

        s.Active = false;
        await c.Db.SaveChangesAsync(ct);
        return Row(s);
    }

    /// <summary>First 16 hex digits of SHA-256 of the key: what an operator compares with the vendor by phone.</summary>
    internal static string Fingerprint(byte[] key) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(key))[..16];

    private static SenderRow Row(ScreeningSender s) =>
        new(s.Id, s.Code, s.Name, s.Kind.ToString(), s.Active, Fingerprint(s.PublicKey), s.CreatedAt, s.CreatedBy);

    private static Refusal Forbidden() => Refusal.Forbidden(FrontlineText.Of("Refusal_SendersForbidden"));

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{2,63}$")]
    private static partial Regex CodePattern();
}
