using System.Globalization;
using Yiwang.HealthCodes.Features.Colours;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.UseCases;

namespace Yiwang.HealthCodes.Features.Citizens;

/// <summary>Codes are short-lived: the page fetches a fresh one before the current one expires.</summary>
internal static class MyCode
{
    internal sealed record ReasonView(
        string RuleId, string Colour, string Text, string TextZh, string TextEn, string? SourceRef, DateTimeOffset Since, DateTimeOffset? Until);

    internal sealed record CodeView(
        string Qr, string Colour, string? Rule, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, DateTimeOffset? ColourSince,
        IReadOnlyList<ReasonView> Reasons, string? Svg);

    internal sealed record ChangeView(
        DateTimeOffset At, string From, string To, string Cause, string? RuleId, IReadOnlyList<ReasonView> Reasons);

    /// <summary>A fresh code for the signed-in citizen (<c>?svg=true</c> adds the QR drawn as SVG).</summary>
    internal static async Task<Result<CodeView>> GetAsync(
        bool? svg, YiwangDbContext db, CitizenLinks links, CodeIssuer issuer, CurrentUser user, CancellationToken ct)
    {
        if (await links.PersonOfAsync(db, user.Name, ct) is not { } person)
        {
            return CitizenLinks.NotBound();
        }

        return View(await issuer.IssueForPersonAsync(person, ct), svg == true);
    }

    internal static CodeView View(PersonCode code, bool svg) =>
        new(code.Qr, HealthCodeFormat.ColourName(code.Colour), code.Rule, code.IssuedAt, code.ExpiresAt, code.State.Since,
            [.. code.State.Reasons.Select(Reason)], svg ? QrSvg.Render(code.Qr) : null);

    internal static async Task<Result<IReadOnlyList<ChangeView>>> HistoryAsync(
        YiwangDbContext db, CitizenLinks links, CurrentUser user, CancellationToken ct)
    {
        if (await links.PersonOfAsync(db, user.Name, ct) is not { } person)
        {
            return CitizenLinks.NotBound();
        }

        var changes = await ColourBook.HistoryAsync(db, person, 200, ct);
        return changes.Select(c => new ChangeView(
            c.At, HealthCodeFormat.ColourName(c.From), HealthCodeFormat.ColourName(c.To), c.Cause, c.RuleId,
            [.. ColourBook.Reasons(c.ReasonsJson).Select(Reason)])).ToList();
    }

    public static ReasonView Reason(ColourReason r) =>
        new(r.RuleId, HealthCodeFormat.ColourName(r.Colour), English ? r.TextEn : r.TextZh, r.TextZh, r.TextEn, r.SourceRef, r.Since, r.Until);

    private static bool English => CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);
}
