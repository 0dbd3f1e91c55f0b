using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Yiwang.Epidemic.Domain;
using Yiwang.Epidemic.Localization;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Audit;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;

namespace Yiwang.Epidemic.Features;

/// <summary>Every change is a new version kept for accountability; a change may not drop or re-categorise a state that
/// open records are in.</summary>
internal static class DiseaseApi
{
    /// <summary>A disease as the API shows it; the definition in its own JSON form (enums as names).</summary>
    internal sealed record DiseaseView(string Code, string NameZh, string NameEn, int Version, bool IsDefault, bool Active, JsonElement Definition);

    public static RouteGroupBuilder MapDiseaseApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/epidemic/diseases").WithTags("Epidemic / 疾病配置");
        g.MapGet("/", async (YiwangDbContext db, DiseaseCatalog catalog, CancellationToken ct) =>
            TypedResults.Ok(await ListAsync(db, catalog, ct))).RequireAuthorization(nameof(Permission.EpidemicRead));
        g.MapGet("/{code}", async (string code, YiwangDbContext db, DiseaseCatalog catalog, CancellationToken ct) =>
            (await GetAsync(code, db, catalog, ct)).ToOk()).RequireAuthorization(nameof(Permission.EpidemicRead));
        g.MapPost("/", async (HttpRequest request, YiwangDbContext db, CurrentUser user, TimeProvider clock, CancellationToken ct) =>
            (await CreateFromTextAsync(await ReadBodyAsync(request, ct), db, user, clock, ct)).ToCreated(v => $"/api/epidemic/diseases/{v.Code}"))
            .RequireAuthorization(nameof(Permission.EpidemicConfigure)).Accepts<JsonElement>("application/json");
        g.MapPut("/{code}", async (string code, HttpRequest request, YiwangDbContext db, CurrentUser user, TimeProvider clock, DiseaseCatalog catalog, CancellationToken ct) =>
            (await UpdateFromTextAsync(code, await ReadBodyAsync(request, ct), db, user, clock, catalog, ct)).ToOk())
            .RequireAuthorization(nameof(Permission.EpidemicConfigure)).Accepts<JsonElement>("application/json");
        return g;
    }

    public static async Task<List<DiseaseView>> ListAsync(YiwangDbContext db, DiseaseCatalog catalog, CancellationToken ct) =>
        [.. (await catalog.AllAsync(db, ct)).Select(d => View(d.Row, d.Definition))];

    public static async Task<Result<DiseaseView>> GetAsync(string code, YiwangDbContext db, DiseaseCatalog catalog, CancellationToken ct) =>
        await catalog.FindAsync(db, code, ct) is { } d ? View(d.Row, d.Definition) : NotFound();

    private static DiseaseView View(Disease row, DiseaseDefinition def) =>
        new(row.Code, row.NameZh, row.NameEn, row.Version, row.IsDefault, row.Active, JsonDocument.Parse(def.ToJson()).RootElement.Clone());

    /// <summary>The body as text; the host's request limit (1 MiB) bounds it, <see cref="Parse"/> refuses over 64 KB.</summary>
    private static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(ct);
    }

    /// <summary>A new disease from a whole definition as JSON (the POST body, the page's editor).</summary>
    public static async Task<Result<DiseaseView>> CreateFromTextAsync(string? json, YiwangDbContext db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var parsed = Parse(json);
        return parsed.TryGet(out var def) ? await CreateAsync(def, db, user, clock, ct) : parsed.Refusal!;
    }

    /// <summary>PUT body: <c>{ "definition": {…}, "version": n }</c> (the version read, for the concurrency check).</summary>
    public static async Task<Result<DiseaseView>> UpdateFromTextAsync(
        string code, string text, YiwangDbContext db, CurrentUser user, TimeProvider clock, DiseaseCatalog catalog, CancellationToken ct)
    {
        int? version = null;
        Result<DiseaseDefinition> def = Malformed(EpidemicText.Of("Problem.DefinitionShape"));
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("definition", out var d))
            {
                def = Parse(d.GetRawText());
                if (doc.RootElement.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number)
                {
                    version = v.GetInt32();
                }
            }
        }
        catch (JsonException e)
        {
            def = Malformed(EpidemicText.Of("Problem.MalformedJson", e.Message));
        }

        return def.TryGet(out var definition) ? await UpdateAsync(code, definition, version, db, user, clock, catalog, ct) : def.Refusal!;
    }

    /// <summary>Parses a definition posted as JSON text, with a readable refusal when it is not one.</summary>
    internal static Result<DiseaseDefinition> Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json) || json.Length > 64 * 1024)
        {
            return Malformed(EpidemicText.Of("Problem.DefinitionSize"));
        }

        try
        {
            return DiseaseDefinition.FromJson(json) is { } d ? d : Malformed(EpidemicText.Of("Problem.DefinitionEmpty"));
        }
        catch (JsonException e)
        {
            return Malformed(EpidemicText.Of("Problem.MalformedJson", e.Message));
        }
    }

    internal static async Task<Result<DiseaseView>> CreateAsync(
        DiseaseDefinition definition, YiwangDbContext db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        if (Invalid(definition) is { } invalid)
        {
            return invalid;
        }

        if (await db.Set<Disease>().AnyAsync(d => d.Code == definition.Code, ct))
        {
            return Refusal.Conflict(EpidemicText.Of("Problem.DiseaseExists", definition.Code));
        }

        var json = definition.ToJson();
        var now = clock.GetUtcNow();
        var row = new Disease
        {
            Code = definition.Code, NameZh = definition.NameZh, NameEn = definition.NameEn, Definition = json, Version = 1,
            IsDefault = false, UpdatedAt = now, UpdatedBy = user.Actor,
        };
        db.Add(row);
        db.Add(new DiseaseVersion { DiseaseCode = definition.Code, Version = 1, Definition = json, CreatedAt = now, CreatedBy = user.Actor });
        await db.SaveChangesAsync(ct);
        return View(row, definition);
    }

    internal static async Task<Result<DiseaseView>> UpdateAsync(
        string code, DiseaseDefinition def, int? expectedVersion, YiwangDbContext db, CurrentUser user, TimeProvider clock, DiseaseCatalog catalog, CancellationToken ct)
    {
        var row = await db.Set<Disease>().FirstOrDefaultAsync(d => d.Code == code, ct);
        if (row is null)
        {
            return NotFound();
        }

        if (def.Code != code)
        {
            return Refusal.BadRequest(EpidemicText.Of("Problem.DiseaseCodeChanged"), "code-changed");
        }

        if (expectedVersion is { } v && v != row.Version)
        {
            return Refusal.Conflict(EpidemicText.Of("Problem.DiseaseStale"));
        }

        if (Invalid(def) is { } invalid)
        {
            return invalid;
        }

        // Open records must keep their state, with the same category (the counters are kept by state and category).
        var old = catalog.Parse(row);
        var used = await db.Set<EpiCase>().AsNoTracking().Where(c => c.DiseaseCode == code && !c.Closed).Select(c => c.State).Distinct().ToListAsync(ct);
        foreach (var state in used)
        {
            if (def.State(state) is not { } s || s.Category != old.State(state)?.Category)
            {
                return Refusal.Conflict(EpidemicText.Of("Problem.StateInUse", state));
            }
        }

        var json = def.ToJson();
        var now = clock.GetUtcNow();
        row.Version++;
        row.Definition = json;
        row.NameZh = def.NameZh;
        row.NameEn = def.NameEn;
        row.UpdatedAt = now;
        row.UpdatedBy = user.Actor;
        db.Add(new DiseaseVersion { DiseaseCode = code, Version = row.Version, Definition = json, CreatedAt = now, CreatedBy = user.Actor });
        db.Audit(new AuditRecord("configure", nameof(Disease), code, $"version {row.Version}"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Refusal.Conflict(EpidemicText.Of("Problem.DiseaseStale"));
        }

        return View(row, def);
    }

    private static Refusal? Invalid(DiseaseDefinition def)
    {
        var problems = def.Validate();
        if (problems.Count == 0)
        {
            return null;
        }

        var errors = new FieldErrors();
        foreach (var (field, message) in problems)
        {
            errors.Add(field, message);
        }

        return errors.ToRefusal();
    }

    private static Refusal Malformed(Text message) => Refusal.BadRequest(message, "malformed-definition");

    private static Refusal NotFound() => Refusal.NotFound(EpidemicText.Of("Problem.DiseaseNotFound"));
}
