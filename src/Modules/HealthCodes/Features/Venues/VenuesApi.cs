using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yiwang.HealthCodes.Domain;
using Yiwang.HealthCodes.Localization;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Audit;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;

namespace Yiwang.HealthCodes.Features.Venues;

/// <summary>Venues registered by township officers inside their jurisdiction; every change is audited.</summary>
internal static class VenuesApi
{
    /// <summary>Kinds of venue, as tokens (UI words in VenuesText: Kind_*).</summary>
    public static readonly string[] Kinds = ["supermarket", "mall", "market", "station", "hospital", "school", "office", "restaurant", "other"];

    // No 0/O, 1/I/L: a code read aloud or typed from a poster is not misread.
    private const string CodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private const int CodeLength = 8;

    internal sealed record VenueInput(string? Name, string? Address, string? Kind, string? CommunityCode);

    internal sealed record VenueRow(
        Guid Id, string Code, string Name, string Address, string Kind, string CommunityCode, string? CommunityName,
        string KeyHint, DateTimeOffset KeyIssuedAt, bool Active, DateTimeOffset CreatedAt, string CreatedBy);

    /// <summary>A venue key, shown this once; the pairing link opens the scanner page already holding it.</summary>
    internal sealed record VenueKeyAnswer(Guid Id, string Code, string Key, string PairingUrl);

    internal sealed record DeactivateInput(string? Reason);

    public static IEndpointRouteBuilder MapVenuesApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/health-codes/venues").WithTags("Health codes / 健康码 · venues / 场所")
            .RequireAuthorization(nameof(Permission.VenuesManage));
        g.MapPost("/", async (VenueInput body, HttpRequest request, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock, IOptions<VenuesOptions> options, CancellationToken ct) =>
            (await RegisterAsync(body, db, user, dir, clock, options.Value.BaseUrl(request), ct)).ToCreated(v => $"/api/health-codes/venues/{v.Code}"));
        g.MapGet("/", async (YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, string? q, int? page, int? pageSize, CancellationToken ct) =>
            (await ListAsync(db, user, dir, q, page, pageSize, ct)).ToOk());
        g.MapPost("/{code}/key", async (string code, HttpRequest request, YiwangDbContext db, CurrentUser user, VenueKeys keys, TimeProvider clock, IOptions<VenuesOptions> options, CancellationToken ct) =>
            (await NewKeyAsync(code, db, user, keys, clock, options.Value.BaseUrl(request), ct)).ToOk());
        g.MapPost("/{code}/deactivate", async (string code, DeactivateInput? body, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, VenueKeys keys, CancellationToken ct) =>
            (await DeactivateAsync(code, body, db, user, dir, keys, ct)).ToOk());
        g.MapGet("/{code}/poster.png", PosterPngAsync).Produces(StatusCodes.Status200OK, contentType: "image/png");
        return app;
    }

    internal static async Task<Result<VenueKeyAnswer>> RegisterAsync(
        VenueInput body, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock, string baseUrl, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.PlainText("name", body.Name, 200, required: true);
        errors.PlainText("address", body.Address, 300, required: true);
        if (body.Kind is null || !Kinds.Contains(body.Kind))
        {
            errors.Add("kind", Words("Error_Kind", string.Join("、", Kinds), string.Join(", ", Kinds)));
        }

        var community = body.CommunityCode is { Length: 12 } cc ? await dir.FindAsync(cc, ct) : null;
        if (community is not { Level: JurisdictionLevel.Community })
        {
            errors.Add("communityCode", Words("Error_Community"));
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        if (!user.Scope.Contains(community!.Code))
        {
            return Refusal.Forbidden(Words("Refusal_OutsideJurisdiction"));
        }

        var code = await NewCodeAsync(db, ct);
        var key = VenueKeys.NewKey();
        var now = clock.GetUtcNow();
        var venue = new Venue
        {
            Id = Guid.CreateVersion7(now),
            Code = code,
            Name = body.Name!.Trim(),
            Address = body.Address!.Trim(),
            Kind = body.Kind!,
            CommunityCode = community.Code,
            StreetCode = community.Code[..9],
            KeyHash = Kernel.Accounts.ApiKeys.Hash(key),
            KeyHint = VenueKeys.Hint(key),
            KeyIssuedAt = now,
            Active = true,
            CreatedAt = now,
            CreatedBy = user.Actor,
        };
        db.Set<Venue>().Add(venue);
        db.Audit(new AuditRecord("healthcodes.venue-register", nameof(Venue), code, $"{venue.Name} · {venue.Kind} · {venue.CommunityCode} · key {venue.KeyHint}…"));
        await db.SaveChangesAsync(ct);
        return new VenueKeyAnswer(venue.Id, code, key, PairingUrl(baseUrl, code, key));
    }

    /// <summary>Venues in the caller's jurisdiction, by name; <paramref name="q"/> searches names and codes.</summary>
    internal static async Task<Result<Page<VenueRow>>> ListAsync(
        YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, string? q, int? page, int? pageSize, CancellationToken ct)
    {
        var p = PageRequest.Of(page, pageSize);
        var query = db.Set<Venue>().AsNoTracking().InScope(user.Scope, v => v.StreetCode, v => v.CommunityCode);
        if (!string.IsNullOrWhiteSpace(q) && q.Trim().Length <= 50)
        {
            var term = q.Trim();
            var upper = term.ToUpperInvariant();
            query = query.Where(v => v.Name.Contains(term) || v.Code == upper);
        }

        var total = await query.LongCountAsync(ct);
        var rows = await query.OrderByDescending(v => v.Active).ThenBy(v => v.Name).ThenBy(v => v.Code).Skip(p.Skip).Take(p.Size).ToListAsync(ct);
        var items = new List<VenueRow>(rows.Count);
        foreach (var v in rows)
        {
            items.Add(await RowAsync(v, dir, ct));
        }

        return new Page<VenueRow>(items, total, p.Number, p.Size);
    }

    internal static async Task<VenueRow?> FindAsync(string code, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, CancellationToken ct)
    {
        var v = await Named(db, user, code).AsNoTracking().FirstOrDefaultAsync(ct);
        return v is null ? null : await RowAsync(v, dir, ct);
    }

    /// <summary>Issues a new key; the old one stops at once on this host and within seconds on every other.</summary>
    internal static async Task<Result<VenueKeyAnswer>> NewKeyAsync(
        string code, YiwangDbContext db, CurrentUser user, VenueKeys keys, TimeProvider clock, string baseUrl, CancellationToken ct)
    {
        var v = await Named(db, user, code).FirstOrDefaultAsync(ct);
        if (v is null)
        {
            return NotInScope();
        }

        if (!v.Active)
        {
            return Refusal.Conflict(Words("Refusal_VenueInactive"), "venue-inactive");
        }

        var oldHash = v.KeyHash;
        var oldHint = v.KeyHint;
        var key = VenueKeys.NewKey();
        v.KeyHash = Kernel.Accounts.ApiKeys.Hash(key);
        v.KeyHint = VenueKeys.Hint(key);
        v.KeyIssuedAt = clock.GetUtcNow();
        v.Version++;
        db.Audit(new AuditRecord("healthcodes.venue-key-rotate", nameof(Venue), v.Code, $"key {oldHint}… → {v.KeyHint}…"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Refusal.Conflict(Words("Refusal_VenueStale"));
        }

        keys.Forget(oldHash);
        return new VenueKeyAnswer(v.Id, v.Code, key, PairingUrl(baseUrl, v.Code, key));
    }

    /// <summary>Deactivates a venue: its key stops; its stored scans stay until they expire. Idempotent.</summary>
    internal static async Task<Result<VenueRow>> DeactivateAsync(
        string code, DeactivateInput? body, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, VenueKeys keys, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.PlainText("reason", body?.Reason, 500, required: false);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var v = await Named(db, user, code).FirstOrDefaultAsync(ct);
        if (v is null)
        {
            return NotInScope();
        }

        if (v.Active)
        {
            v.Active = false;
            v.Version++;
            db.Audit(new AuditRecord("healthcodes.venue-deactivate", nameof(Venue), v.Code, $"key {v.KeyHint}… stopped",
                string.IsNullOrWhiteSpace(body?.Reason) ? null : body.Reason.Trim()));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Refusal.Conflict(Words("Refusal_VenueStale"));
            }

            keys.Forget(v.KeyHash);
        }

        return await RowAsync(v, dir, ct);
    }

    /// <summary>The poster's QR as a PNG: the check-in address <c>{PublicBaseUrl}/v/{code}</c>.</summary>
    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PosterPngAsync(
        string code, HttpRequest request, YiwangDbContext db, CurrentUser user, IOptions<VenuesOptions> options, CancellationToken ct)
    {
        var v = await Named(db, user, code).AsNoTracking().FirstOrDefaultAsync(ct);
        if (v is null)
        {
            return Problems.From(NotInScope());
        }

        return TypedResults.File(VenuePoster.Png(VenuePoster.CheckInUrl(options.Value.BaseUrl(request), v.Code)), "image/png", $"venue-{v.Code}.png");
    }

    /// <summary>The scanner page's pairing link: the key rides in the fragment, which browsers never send to a server.</summary>
    public static string PairingUrl(string baseUrl, string code, string key) =>
        $"{baseUrl}/scan?venue={Uri.EscapeDataString(code)}#key={Uri.EscapeDataString(key)}";

    private static IQueryable<Venue> Named(YiwangDbContext db, CurrentUser user, string code)
    {
        var normalized = code.Trim().ToUpperInvariant();
        return db.Set<Venue>().InScope(user.Scope, v => v.StreetCode, v => v.CommunityCode).Where(v => v.Code == normalized);
    }

    private static Refusal NotInScope() => Refusal.NotFound(Words("Refusal_VenueNotFound"));

    private static Text Words(string key, params object?[] args) => new(typeof(VenuesText), key, args);

    private static async Task<VenueRow> RowAsync(Venue v, JurisdictionDirectory dir, CancellationToken ct) =>
        new(v.Id, v.Code, v.Name, v.Address, v.Kind, v.CommunityCode, (await dir.FindAsync(v.CommunityCode, ct))?.Name,
            v.KeyHint, v.KeyIssuedAt, v.Active, v.CreatedAt, v.CreatedBy);

    private static async Task<string> NewCodeAsync(YiwangDbContext db, CancellationToken ct)
    {
        // 31^8 ≈ 8.5 × 10^11 codes: a clash is rare, and the unique index stops the one that slips past this check.
        while (true)
        {
            var code = RandomNumberGenerator.GetString(CodeAlphabet, CodeLength);
            if (!await db.Set<Venue>().AnyAsync(v => v.Code == code, ct))
            {
                return code;
            }
        }
    }
}
