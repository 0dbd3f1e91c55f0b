using Microsoft.EntityFrameworkCore;
using Yiwang.HealthCodes.Domain;
using Yiwang.HealthCodes.Localization;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.UseCases;

namespace Yiwang.HealthCodes.Features.Citizens;

/// <summary>Check-in at a venue poster (场所码): recorded as if the venue had scanned the code the server just issued;
/// the page then shows the colour big, for the door staff.</summary>
internal static class CheckIns
{
    internal sealed record CheckInRequest(string? VenueCode);

    internal sealed record VenueView(string Code, string Name, string Address, bool Active);

    internal sealed record CheckInView(Guid ScanId, string VenueCode, string VenueName, string Colour, DateTimeOffset At);

    /// <summary>A second press within this time returns the first check-in instead of recording another.</summary>
    public static readonly TimeSpan RepeatWindow = TimeSpan.FromSeconds(60);

    /// <summary>The venue of a poster code as printed, or typed in lower case from a printed upper-case one.</summary>
    public static async Task<Venue?> FindVenueAsync(YiwangDbContext db, string? code, CancellationToken ct)
    {
        var typed = (code ?? "").Trim();
        var upper = typed.ToUpperInvariant();
        return typed.Length is 0 or > 16 ? null
            : await db.Set<Venue>().AsNoTracking().Where(v => v.Code == typed || v.Code == upper).OrderBy(v => v.Code == typed ? 0 : 1).FirstOrDefaultAsync(ct);
    }

    /// <summary>How long the page shows a check-in again (after its redirect, or a reload): not a pass for later.</summary>
    public static readonly TimeSpan ShowFor = TimeSpan.FromMinutes(30);

    /// <summary>The person's own recent check-in at this venue, to show again; null when it is not theirs or too old.</summary>
    public static async Task<CheckInView?> RecentAsync(YiwangDbContext db, Venue venue, Guid personId, Guid scanId, TimeProvider clock, CancellationToken ct)
    {
        var subject = await db.Set<SubjectLink>().AsNoTracking().Where(l => l.PersonId == personId).Select(l => l.Subject).FirstOrDefaultAsync(ct);
        var since = clock.GetUtcNow() - ShowFor;
        var scan = subject is null ? null : await db.Set<Scan>().AsNoTracking().FirstOrDefaultAsync(
            s => s.Id == scanId && s.VenueId == venue.Id && s.Subject == subject && s.Mode == ScanMode.CheckIn && s.ScannedAt >= since, ct);
        return scan is null ? null : new CheckInView(scan.Id, venue.Code, venue.Name, HealthCodeFormat.ColourName(scan.Colour), scan.ScannedAt);
    }

    internal static async Task<Result<CheckInView>> CheckInAsync(
        CheckInRequest? body, YiwangDbContext db, CitizenLinks links, CodeIssuer issuer, CurrentUser user, TimeProvider clock,
        CancellationToken ct)
    {
        if (await links.PersonOfAsync(db, user.Name, ct) is not { } person)
        {
            return CitizenLinks.NotBound();
        }

        var venue = await FindVenueAsync(db, body?.VenueCode, ct);
        if (venue is null)
        {
            return new Refusal(404, "venue-unknown", new Text(typeof(CitizenText), "Refusal_VenueUnknown"));
        }

        if (!venue.Active)
        {
            return Refusal.Conflict(new Text(typeof(CitizenText), "Refusal_VenueInactive"), "venue-inactive");
        }

        var code = await issuer.IssueForPersonAsync(person, ct);
        var now = clock.GetUtcNow();
        var since = now - RepeatWindow;
        var recent = await db.Set<Scan>().AsNoTracking()
            .Where(s => s.Subject == code.Subject && s.ScannedAt >= since && s.VenueId == venue.Id && s.Mode == ScanMode.CheckIn)
            .OrderByDescending(s => s.ScannedAt).FirstOrDefaultAsync(ct);
        if (recent is not null)
        {
            return new CheckInView(recent.Id, venue.Code, venue.Name, HealthCodeFormat.ColourName(recent.Colour), recent.ScannedAt);
        }

        var scan = new Scan
        {
            Id = Guid.NewGuid(),
            VenueId = venue.Id,
            Subject = code.Subject,
            ScannedAt = now,
            ReceivedAt = now,
            Colour = code.Colour,
            Kid = code.Kid,
            Mode = ScanMode.CheckIn,
        };
        db.Set<Scan>().Add(scan);
        await db.SaveChangesAsync(ct);
        return new CheckInView(scan.Id, venue.Code, venue.Name, HealthCodeFormat.ColourName(scan.Colour), now);
    }
}
