using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yiwang.HealthCodes.Domain;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Audit;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.Web;

namespace Yiwang.HealthCodes.Features.Venues;

/// <summary>
/// Venues (场所) registered by township officers inside their jurisdiction: register (the key is shown once), list,
/// issue a new key (the old one stops at once), deactivate, and the poster's QR. Every change is audited.
/// </summary>
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
        g.MapPost("/", (VenueInput body, HttpRequest request, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock, IOptions<VenuesOptions> options, CancellationToken ct) =>
            RegisterAsync(body, db, user, dir, clock, options.Value.BaseUrl(request), ct));
        g.MapGet("/", ListAsync);
        g.MapPost("/{code}/key", (string code, HttpRequest request, YiwangDbContext db, CurrentUser user, VenueKeys keys, TimeProvider clock, IOptions<VenuesOptions> options, CancellationToken ct) =>
            NewKeyAsync(code, db, user, keys, clock, options.Value.BaseUrl(request), ct));
        g.MapPost("/{code}/deactivate", (string code, DeactivateInput? body, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, VenueKeys keys, CancellationToken ct) =>
            DeactivateAsync(code, body, db, user, dir, keys, ct));
        g.MapGet("/{code}/poster.png", PosterPngAsync).Produces(StatusCodes.Status200OK, contentType: "image/png");
        return app;
    }

    /// <summary>Registers a venue in a community of the caller's jurisdiction and issues its first key.</summary>
    internal static async Task<Results<Created<VenueKeyAnswer>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        VenueInput body, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock, string baseUrl, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.PlainText("name", body.Name, 200, required: true);
        errors.PlainText("address", body.Address, 300, required: true);
        if (body.Kind is null || !Kinds.Contains(body.Kind))
        {
            errors.Add("kind", "场所类型应为 " + string.Join("、", Kinds) + " 之一", "Kind is one of " + string.Join(", ", Kinds));
        }

        var community = body.CommunityCode is { Length: 12 } cc ? await dir.FindAsync(cc, ct) : null;
        if (community is not { Level: JurisdictionLevel.Community })
        {
            errors.Add("communityCode", "应为 12 位社区/村代码", "Must be a 12-digit community or village code");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        if (!user.Scope.Contains(community!.Code))
        {
            return Problems.Forbidden("只能登记本辖区内的场所", "You can register venues in your own jurisdiction only");
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
        return TypedResults.Created($"/api/health-codes/venues/{code}", new VenueKeyAnswer(venue.Id, code, key, PairingUrl(baseUrl, code, key)));
    }

    /// <summary>Venues in the caller's jurisdiction, by name; <paramref name="q"/> searches names and codes.</summary>
    internal static async Task<Ok<Page<VenueRow>>> ListAsync(
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

        return TypedResults.Ok(new Page<VenueRow>(items, total, p.Number, p.Size));
    }

    /// <summary>One venue in the caller's jurisdiction, or null.</summary>
    internal static async Task<VenueRow?> FindAsync(string code, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, CancellationToken ct)
    {
        var v = await Named(db, user, code).AsNoTracking().FirstOrDefaultAsync(ct);
        return v is null ? null : await RowAsync(v, dir, ct);
    }

    /// <summary>Issues a new key; the old one stops at once on this host and within seconds on every other.</summary>
    internal static async Task<Results<Ok<VenueKeyAnswer>, ProblemHttpResult>> NewKeyAsync(
        string code, YiwangDbContext db, CurrentUser user, VenueKeys keys, TimeProvider clock, string baseUrl, CancellationToken ct)
    {
        var v = await Named(db, user, code).FirstOrDefaultAsync(ct);
        if (v is null)
        {
            return NotInScope();
        }

        if (!v.Active)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "场所已停用，不能再发放密钥", "The venue is deactivated; it gets no new key", "venue-inactive");
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
            return Problems.Conflict("场所刚被他人修改，请刷新后重试", "The venue was just changed by someone else; reload and try again");
        }

        keys.Forget(oldHash);
        return TypedResults.Ok(new VenueKeyAnswer(v.Id, v.Code, key, PairingUrl(baseUrl, v.Code, key)));
    }

    /// <summary>Deactivates a venue: its key stops; its stored scans stay until they expire. Idempotent.</summary>
    internal static async Task<Results<Ok<VenueRow>, ValidationProblem, ProblemHttpResult>> DeactivateAsync(
        string code, DeactivateInput? body, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, VenueKeys keys, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.PlainText("reason", body?.Reason, 500, required: false);
        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
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
                return Problems.Conflict("场所刚被他人修改，请刷新后重试", "The venue was just changed by someone else; reload and try again");
            }

            keys.Forget(v.KeyHash);
        }

        return TypedResults.Ok(await RowAsync(v, dir, ct));
    }

    /// <summary>The poster's QR as a PNG: the check-in address <c>{PublicBaseUrl}/v/{code}</c>.</summary>
    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PosterPngAsync(
        string code, HttpRequest request, YiwangDbContext db, CurrentUser user, IOptions<VenuesOptions> options, CancellationToken ct)
    {
        var v = await Named(db, user, code).AsNoTracking().FirstOrDefaultAsync(ct);
        if (v is null)
        {
            return NotInScope();
        }

        return TypedResults.File(VenuePoster.Png(VenuePoster.CheckInUrl(options.Value.BaseUrl(request), v.Code)), "image/png", $"venue-{v.Code}.png");
    }

    /// <summary>The scanner page's pairing link: the key rides in the fragment, which browsers never send to a server.</summary>
    public static string PairingUrl(string baseUrl, string code, string key) =>
        $"{baseUrl}/scan?venue={Uri.EscapeDataString(code)}#key={Uri.EscapeDataString(key)}";

    /// <summary>The venue with this code (any case) if it is in the caller's jurisdiction.</summary>
    private static IQueryable<Venue> Named(YiwangDbContext db, CurrentUser user, string code)
    {
        var normalized = code.Trim().ToUpperInvariant();
        return db.Set<Venue>().InScope(user.Scope, v => v.StreetCode, v => v.CommunityCode).Where(v => v.Code == normalized);
    }

    private static ProblemHttpResult NotInScope() => Problems.NotFound("该场所不存在或不在您的辖区内", "No such venue in your jurisdiction");

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
