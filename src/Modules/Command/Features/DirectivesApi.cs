using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Yiwang.Command.Data;
using Yiwang.Command.Domain;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.Web;

namespace Yiwang.Command.Features;

/// <summary>指令与会议通知: issue a directive to units below, each unit's inbox, per-unit read and acknowledgement.</summary>
internal static partial class DirectivesApi
{
    internal sealed record IssueBody(
        string? Title, string? Body, bool? AllUnits, IReadOnlyList<string>? Townships, bool? IncludeCommunities,
        DateTimeOffset? MeetingAt, string? MeetingLink);

    internal sealed record InboxRow(
        Guid Id, string Title, string IssuerUnitCode, string? IssuerUnitName, DateTimeOffset IssuedAt, DateTimeOffset? MeetingAt,
        bool Read, bool Acknowledged);

    internal sealed record IssuedRow(
        Guid Id, string Title, DateTimeOffset IssuedAt, DateTimeOffset? MeetingAt, int Recipients, int Read, int Acknowledged);

    internal sealed record RecipientView(
        string UnitCode, string? UnitName, DateTimeOffset? ReadAt, string? ReadBy, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy);

    internal sealed record DirectiveDetail(
        Guid Id, string Title, string Body, string IssuerUnitCode, string? IssuerUnitName, string IssuedBy, DateTimeOffset IssuedAt,
        DateTimeOffset? MeetingAt, string? MeetingLink, int RecipientCount, int ReadCount, int AcknowledgedCount,
        RecipientView? MyUnit, IReadOnlyList<RecipientView> Recipients);

    public static RouteGroupBuilder MapDirectivesApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/directives").WithTags("Directives / 指令");
        g.MapGet("/", InboxAsync).RequireAuthorization(nameof(Permission.DirectivesRead));
        g.MapGet("/issued", IssuedAsync).RequireAuthorization(nameof(Permission.DirectivesRead));
        g.MapGet("/{id:guid}", GetAsync).RequireAuthorization(nameof(Permission.DirectivesRead));
        g.MapPost("/", IssueAsync).RequireAuthorization(nameof(Permission.DirectivesIssue));
        g.MapPost("/{id:guid}/acknowledge", AcknowledgeAsync).RequireAuthorization(nameof(Permission.DirectivesRead));
        return g;
    }

    /// <summary>The caller's unit's inbox: unread first, then newest first.</summary>
    internal static async Task<Ok<Page<InboxRow>>> InboxAsync(
        YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, int? page, int? pageSize, CancellationToken ct)
    {
        var p = PageRequest.Of(page, pageSize);
        var unit = user.Scope == AccessScope.None ? "-" : user.Scope.Code;
        var query = db.Set<DirectiveRecipient>().AsNoTracking().Where(r => r.UnitCode == unit);
        var total = await query.LongCountAsync(ct);
        var rows = await query
            .OrderBy(r => r.ReadAt == null ? 0 : 1).ThenByDescending(r => r.IssuedAt).ThenBy(r => r.DirectiveId)
            .Skip(p.Skip).Take(p.Size)
            .Join(db.Set<Directive>(), r => r.DirectiveId, d => d.Id, (r, d) => new { r, d })
            .ToListAsync(ct);
        var items = new List<InboxRow>(rows.Count);
        foreach (var x in rows.OrderBy(x => x.r.ReadAt == null ? 0 : 1).ThenByDescending(x => x.r.IssuedAt).ThenBy(x => x.r.DirectiveId))
        {
            items.Add(new InboxRow(x.d.Id, x.d.Title, x.d.IssuerUnitCode, (await dir.FindAsync(x.d.IssuerUnitCode, ct))?.Name, x.d.IssuedAt,
                x.d.MeetingAt, x.r.ReadAt is not null, x.r.AcknowledgedAt is not null));
        }

        return TypedResults.Ok(new Page<InboxRow>(items, total, p.Number, p.Size));
    }

    /// <summary>What the caller's unit issued, newest first, with how many units have read and acknowledged.</summary>
    internal static async Task<Ok<Page<IssuedRow>>> IssuedAsync(YiwangDbContext db, CurrentUser user, int? page, int? pageSize, CancellationToken ct)
    {
        var p = PageRequest.Of(page, pageSize);
        var unit = user.Scope == AccessScope.None ? "-" : user.Scope.Code;
        var query = db.Set<Directive>().AsNoTracking().Where(d => d.IssuerUnitCode == unit);
        var total = await query.LongCountAsync(ct);
        var rows = await query.OrderByDescending(d => d.IssuedAt).ThenByDescending(d => d.Id).Skip(p.Skip).Take(p.Size)
            .Select(d => new IssuedRow(d.Id, d.Title, d.IssuedAt, d.MeetingAt, d.RecipientCount,
                db.Set<DirectiveRecipient>().Count(r => r.DirectiveId == d.Id && r.ReadAt != null),
                db.Set<DirectiveRecipient>().Count(r => r.DirectiveId == d.Id && r.AcknowledgedAt != null)))
            .ToListAsync(ct);
        return TypedResults.Ok(new Page<IssuedRow>(rows, total, p.Number, p.Size));
    }

    /// <summary>
    /// A directive for its issuer's unit or any unit it addresses inside the caller's scope (404 otherwise), with
    /// the status of each addressed unit the caller may see, pending ones first. Opening it marks the caller's unit as having read it.
    /// </summary>
    internal static async Task<Results<Ok<DirectiveDetail>, ProblemHttpResult>> GetAsync(
        Guid id, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock, CancellationToken ct)
    {
        var d = await FindVisibleAsync(db, user, id, ct);
        if (d is null)
        {
            return NotFound();
        }

        var unit = user.Scope.Code;
        var now = clock.GetUtcNow();
        // Bookkeeping, not a business change: the first reader of a unit wins, nothing else moves.
        await db.Set<DirectiveRecipient>().Where(r => r.DirectiveId == id && r.UnitCode == unit && r.ReadAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.ReadAt, now).SetProperty(r => r.ReadBy, user.Actor), ct);
        return TypedResults.Ok(await DetailAsync(d, db, user, dir, ct));
    }

    /// <summary>Issues a directive (optionally a meeting notice) from the caller's unit to all its units or chosen townships.</summary>
    internal static async Task<Results<Created<DirectiveDetail>, ValidationProblem, ProblemHttpResult>> IssueAsync(
        IssueBody body, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = new FieldErrors();
        errors.PlainText("title", body.Title, 200, required: true);
        if (string.IsNullOrWhiteSpace(body.Body))
        {
            errors.Add("body", "必填", "Required");
        }
        else if (body.Body.Length > 4000)
        {
            errors.Add("body", "不能超过 4000 个字符", "At most 4000 characters");
        }
        else if (MarkupOrControl().IsMatch(body.Body))
        {
            errors.Add("body", "不能包含尖括号或控制字符", "Must not contain angle brackets or control characters");
        }

        var issuer = await dir.FindAsync(user.Scope.Code, ct);
        var children = issuer is null ? [] : await dir.ChildrenAsync(issuer.Code, ct);
        var targets = new List<JurisdictionUnit>();
        if (body.AllUnits == true)
        {
            targets.AddRange(children);
        }
        else if (body.Townships is not { Count: > 0 })
        {
            errors.Add("townships", "请选择接收单位，或选择全部单位", "Choose the receiving units, or all units");
        }
        else
        {
            foreach (var code in body.Townships.Distinct(StringComparer.Ordinal))
            {
                var unit = children.FirstOrDefault(c => c.Code == code?.Trim());
                if (unit is null)
                {
                    var shown = code is null ? "" : code.Length > 20 ? code[..20] + "…" : code;
                    errors.Add("townships", $"不是本单位的下级单位：{shown}", $"Not a unit under yours: {shown}");
                }
                else
                {
                    targets.Add(unit);
                }
            }
        }

        if (body.MeetingAt is not null || !string.IsNullOrWhiteSpace(body.MeetingLink))
        {
            if (body.MeetingAt is not { } at)
            {
                errors.Add("meetingAt", "会议通知需要会议时间", "A meeting notice needs the meeting time");
            }
            else if (at <= now)
            {
                errors.Add("meetingAt", "会议时间必须晚于现在", "The meeting time must be in the future");
            }

            if (string.IsNullOrWhiteSpace(body.MeetingLink))
            {
                errors.Add("meetingLink", "会议通知需要视频会议链接", "A meeting notice needs the video-meeting link");
            }
            else if (!IsWebLink(body.MeetingLink.Trim()))
            {
                errors.Add("meetingLink", "会议链接必须是 http:// 或 https:// 开头的网址", "The meeting link must be an http:// or https:// address");
            }
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        if (targets.Count == 0)
        {
            return Problems.Status(400, "本单位没有下级单位可以接收指令", "Your unit has no units below it to address", "no-recipients");
        }

        if (body.IncludeCommunities == true)
        {
            foreach (var t in targets.ToList())
            {
                targets.AddRange(await dir.ChildrenAsync(t.Code, ct));
            }
        }

        var directive = new Directive
        {
            Id = Guid.CreateVersion7(now),
            Title = body.Title!.Trim(),
            Body = body.Body!.Trim(),
            IssuerUnitCode = issuer!.Code,
            IssuedBy = user.Actor,
            IssuedAt = now,
            MeetingAt = body.MeetingAt?.ToUniversalTime(),
            MeetingLink = string.IsNullOrWhiteSpace(body.MeetingLink) ? null : body.MeetingLink.Trim(),
            RecipientCount = targets.Count,
        };
        db.Add(directive);
        db.AddRange(targets.Select(t => new DirectiveRecipient { DirectiveId = directive.Id, UnitCode = t.Code, IssuedAt = now }));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/directives/{directive.Id}", await DetailAsync(directive, db, user, dir, ct));
    }

    /// <summary>The caller's unit acknowledges (once: a second acknowledgement by anyone of the unit changes nothing).</summary>
    internal static async Task<Results<Ok<DirectiveDetail>, ProblemHttpResult>> AcknowledgeAsync(
        Guid id, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock, CancellationToken ct)
    {
        var d = await FindVisibleAsync(db, user, id, ct);
        if (d is null)
        {
            return NotFound();
        }

        var mine = await db.Set<DirectiveRecipient>().FirstOrDefaultAsync(r => r.DirectiveId == id && r.UnitCode == user.Scope.Code, ct);
        if (mine is null)
        {
            return Problems.Status(StatusCodes.Status403Forbidden, "该指令不是下发给本单位的，无需签收", "This directive is not addressed to your unit", "not-addressed");
        }

        if (mine.AcknowledgedAt is null)
        {
            var now = clock.GetUtcNow();
            mine.AcknowledgedAt = now;
            mine.AcknowledgedBy = user.Actor;
            mine.ReadAt ??= now;
            mine.ReadBy ??= user.Actor;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone else of the unit acknowledged at the same moment: theirs stands.
                db.ChangeTracker.Clear();
            }
        }

        return TypedResults.Ok(await DetailAsync(d, db, user, dir, ct));
    }

    internal static bool IsWebLink(string link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && !string.IsNullOrEmpty(uri.Host) && !MarkupOrControl().IsMatch(link) && link.Length <= 500;

    private static async Task<Directive?> FindVisibleAsync(YiwangDbContext db, CurrentUser user, Guid id, CancellationToken ct)
    {
        if (user.Scope == AccessScope.None)
        {
            return null;
        }

        var lo = user.Scope.Code;
        var hi = ScopeFilter.UpperBound(lo);
        return await db.Set<Directive>().AsNoTracking()
            .Where(d => d.Id == id && (d.IssuerUnitCode == lo || db.Set<DirectiveRecipient>()
#pragma warning disable CA1309 // translated to SQL >= and < on digit-only codes, never compared in .NET
                .Any(r => r.DirectiveId == d.Id && string.Compare(r.UnitCode, lo) >= 0 && string.Compare(r.UnitCode, hi) < 0)))
#pragma warning restore CA1309
            .FirstOrDefaultAsync(ct);
    }

    private static async Task<DirectiveDetail> DetailAsync(Directive d, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, CancellationToken ct)
    {
        var lo = user.Scope.Code;
        var hi = ScopeFilter.UpperBound(lo);
        var recipients = await db.Set<DirectiveRecipient>().AsNoTracking()
#pragma warning disable CA1309 // translated to SQL >= and < on digit-only codes, never compared in .NET
            .Where(r => r.DirectiveId == d.Id && (d.IssuerUnitCode == lo || (string.Compare(r.UnitCode, lo) >= 0 && string.Compare(r.UnitCode, hi) < 0)))
#pragma warning restore CA1309
            .ToListAsync(ct);
        var views = new List<RecipientView>(recipients.Count);
        foreach (var r in recipients.OrderBy(r => r.AcknowledgedAt is null ? 0 : 1).ThenBy(r => r.UnitCode, StringComparer.Ordinal))
        {
            views.Add(new RecipientView(r.UnitCode, (await dir.FindAsync(r.UnitCode, ct))?.Name, r.ReadAt, r.ReadBy, r.AcknowledgedAt, r.AcknowledgedBy));
        }

        return new DirectiveDetail(
            d.Id, d.Title, d.Body, d.IssuerUnitCode, (await dir.FindAsync(d.IssuerUnitCode, ct))?.Name, d.IssuedBy, d.IssuedAt, d.MeetingAt,
            d.MeetingLink, views.Count, views.Count(v => v.ReadAt is not null), views.Count(v => v.AcknowledgedAt is not null),
            views.FirstOrDefault(v => v.UnitCode == lo), views);
    }

    private static ProblemHttpResult NotFound() =>
        Problems.NotFound("该指令不存在或与您的单位无关", "No such directive for your unit");

    [GeneratedRegex(@"[<>\p{Cc}-[\r\n\t]]")]
    private static partial Regex MarkupOrControl();
}
