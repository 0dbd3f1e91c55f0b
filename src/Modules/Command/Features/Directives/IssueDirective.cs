using System.Text.RegularExpressions;
using Yiwang.Command.Domain;
using Yiwang.Command.Localization;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.Localization;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;

namespace Yiwang.Command.Features.Directives;

internal sealed record IssueBody(
    string? Title, string? Body, bool? AllUnits, IReadOnlyList<string>? Townships, bool? IncludeCommunities,
    DateTimeOffset? MeetingAt, string? MeetingLink);

/// <summary>Issues a directive (optionally a meeting notice) from the caller's unit to all its units or chosen townships.</summary>
internal static partial class IssueDirective
{
    public static async Task<Result<DirectiveDetail>> HandleAsync(
        IssueBody body, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = new FieldErrors();
        errors.PlainText("title", body.Title, 200, required: true);
        // Not PlainText: a body keeps its line breaks and tabs.
        if (string.IsNullOrWhiteSpace(body.Body))
        {
            errors.Required("body");
        }
        else if (body.Body.Length > 4000)
        {
            errors.Add("body", new Text(typeof(UiText), "Field.MaxLength", 4000));
        }
        else if (MarkupOrControl().IsMatch(body.Body))
        {
            errors.Add("body", new Text(typeof(UiText), "Field.MarkupOrControl"));
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
            errors.Add("townships", CommandText.Of("Refusal.ChooseRecipients"));
        }
        else
        {
            foreach (var code in body.Townships.Distinct(StringComparer.Ordinal))
            {
                var unit = children.FirstOrDefault(c => c.Code == code?.Trim());
                if (unit is null)
                {
                    var shown = code is null ? "" : code.Length > 20 ? code[..20] + "…" : code;
                    errors.Add("townships", CommandText.Of("Refusal.NotUnitBelow", shown));
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
                errors.Add("meetingAt", CommandText.Of("Refusal.MeetingNeedsTime"));
            }
            else if (at <= now)
            {
                errors.Add("meetingAt", CommandText.Of("Refusal.MeetingInPast"));
            }

            if (string.IsNullOrWhiteSpace(body.MeetingLink))
            {
                errors.Add("meetingLink", CommandText.Of("Refusal.MeetingNeedsLink"));
            }
            else if (!IsWebLink(body.MeetingLink.Trim()))
            {
                errors.Add("meetingLink", CommandText.Of("Refusal.MeetingLinkNotWeb"));
            }
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        if (targets.Count == 0)
        {
            return Refusal.BadRequest(CommandText.Of("Refusal.NoRecipients"), "no-recipients");
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
        return await GetDirective.DetailAsync(directive, db, user, dir, ct);
    }

    /// <summary>The link is rendered as an href: only http(s), nothing a browser could run.</summary>
    public static bool IsWebLink(string link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && !string.IsNullOrEmpty(uri.Host) && !MarkupOrControl().IsMatch(link) && link.Length <= 500;

    [GeneratedRegex(@"[<>\p{Cc}-[\r\n\t]]")]
    private static partial Regex MarkupOrControl();
}
