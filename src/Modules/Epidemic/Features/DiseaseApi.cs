using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Yiwang.Epidemic.Domain;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Audit;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Web;

namespace Yiwang.Epidemic.Features;

/// <summary>
/// Diseases as configuration: list, read, add a new one (the next outbreak) and change one. Every change is a new
/// version kept for accountability; a change may not drop or re-categorise a state that open records are in.
/// </summary>
internal static class DiseaseApi
{
    /// <summary>A disease as the API shows it; the definition in its own JSON form (enums as names).</summary>
    internal sealed record DiseaseView(string Code, string NameZh, string NameEn, int Version, bool IsDefault, bool Active, JsonElement Definition);

    public static RouteGroupBuilder MapDiseaseApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/epidemic/diseases").WithTags("Epidemic / 疾病配置");
        g.MapGet("/", ListAsync).RequireAuthorization(nameof(Permission.EpidemicRead));
        g.MapGet("/{code}", GetAsync).RequireAuthorization(nameof(Permission.EpidemicRead));
        g.MapPost("/", CreateFromBodyAsync).RequireAuthorization(nameof(Permission.EpidemicConfigure))
            .Accepts<JsonElement>("application/json");
        g.MapPut("/{code}", UpdateFromBodyAsync).RequireAuthorization(nameof(Permission.EpidemicConfigure))
            .Accepts<JsonElement>("application/json");
        return g;
    }

    internal static async Task<Ok<List<DiseaseView>>> ListAsync(YiwangDbContext db, DiseaseCatalog catalog, CancellationToken ct) =>
        TypedResults.Ok((await catalog.AllAsync(db, ct)).Select(d => View(d.Row, d.Definition)).ToList());

    internal static async Task<Results<Ok<DiseaseView>, ProblemHttpResult>> GetAsync(string code, YiwangDbContext db, DiseaseCatalog catalog, CancellationToken ct) =>
        await catalog.FindAsync(db, code, ct) is { } d
            ? TypedResults.Ok(View(d.Row, d.Definition))
            : Problems.NotFound("未找到该疾病", "No such disease");

    private static DiseaseView View(Disease row, DiseaseDefinition def) =>
        new(row.Code, row.NameZh, row.NameEn, row.Version, row.IsDefault, row.Active, JsonDocument.Parse(def.ToJson()).RootElement.Clone());

    /// <summary>The body as text; the host's request limit (1 MiB) bounds it, <see cref="Parse"/> refuses over 64 KB.</summary>
    private static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(ct);
    }

    /// <summary>POST body: a whole definition (JSON, enums as names).</summary>
    internal static async Task<Results<Created<DiseaseView>, ProblemHttpResult, ValidationProblem>> CreateFromBodyAsync(
        HttpRequest request, YiwangDbContext db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var (def, zh, en) = Parse(await ReadBodyAsync(request, ct));
        return def is null ? Problems.Status(400, zh!, en!, "malformed-definition") : await CreateAsync(def, db, user, clock, ct);
    }

    /// <summary>PUT body: <c>{ "definition": {…}, "version": n }</c> (the version read, for the concurrency check).</summary>
    internal static async Task<Results<Ok<DiseaseView>, ProblemHttpResult, ValidationProblem>> UpdateFromBodyAsync(
        string code, HttpRequest request, YiwangDbContext db, CurrentUser user, TimeProvider clock, DiseaseCatalog catalog, CancellationToken ct)
    {
        var text = await ReadBodyAsync(request, ct);
        int? version = null;
        DiseaseDefinition? def = null;
        string? zh = "须提交 {definition, version}", en = "Send {definition, version}";
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("definition", out var d))
            {
                (def, zh, en) = Parse(d.GetRawText());
                if (doc.RootElement.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number)
                {
                    version = v.GetInt32();
                }
            }
        }
        catch (JsonException e)
        {
            (zh, en) = ($"JSON 格式错误：{e.Message}", $"Malformed JSON: {e.Message}");
        }

        return def is null ? Problems.Status(400, zh!, en!, "malformed-definition") : await UpdateAsync(code, def, version, db, user, clock, catalog, ct);
    }

    /// <summary>Parses a definition posted as JSON text (the page's editor), with a readable error when it is not.</summary>
    internal static (DiseaseDefinition? Definition, string? ErrorZh, string? ErrorEn) Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json) || json.Length > 64 * 1024)
        {
            return (null, "定义须为 64 KB 以内的 JSON", "The definition must be JSON of 64 KB at most");
        }

        try
        {
            return DiseaseDefinition.FromJson(json) is { } d ? (d, null, null) : (null, "定义为空", "The definition is empty");
        }
        catch (JsonException e)
        {
            return (null, $"JSON 格式错误：{e.Message}", $"Malformed JSON: {e.Message}");
        }
    }

    internal static async Task<Results<Created<DiseaseView>, ProblemHttpResult, ValidationProblem>> CreateAsync(
        DiseaseDefinition definition, YiwangDbContext db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        if (Invalid(definition) is { } invalid)
        {
            return invalid;
        }

        if (await db.Set<Disease>().AnyAsync(d => d.Code == definition.Code, ct))
        {
            return Problems.Conflict($"疾病代码 {definition.Code} 已存在", $"Disease code {definition.Code} exists already");
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
        return TypedResults.Created($"/api/epidemic/diseases/{row.Code}", View(row, definition));
    }

    internal static async Task<Results<Ok<DiseaseView>, ProblemHttpResult, ValidationProblem>> UpdateAsync(
        string code, DiseaseDefinition def, int? expectedVersion, YiwangDbContext db, CurrentUser user, TimeProvider clock, DiseaseCatalog catalog, CancellationToken ct)
    {
        var row = await db.Set<Disease>().FirstOrDefaultAsync(d => d.Code == code, ct);
        if (row is null)
        {
            return Problems.NotFound("未找到该疾病", "No such disease");
        }

        if (def.Code != code)
        {
            return Problems.Status(400, "不能修改疾病代码", "The disease code cannot change", "code-changed");
        }

        if (expectedVersion is { } v && v != row.Version)
        {
            return Problems.Conflict("该定义已被他人修改，请刷新后重试", "Someone else changed this definition; reload and try again");
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
                return Problems.Conflict(
                    $"状态 {state} 仍有未结束的记录，不能删除或改变其类别",
                    $"Open records are in state {state}: it cannot be removed or change category");
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
            return Problems.Conflict("该定义已被他人修改，请刷新后重试", "Someone else changed this definition; reload and try again");
        }

        return TypedResults.Ok(View(row, def));
    }

    private static ValidationProblem? Invalid(DiseaseDefinition def)
    {
        var problems = def.Validate();
        if (problems.Count == 0)
        {
            return null;
        }

        var errors = new FieldErrors();
        foreach (var (field, zh, en) in problems)
        {
            errors.Add(field, zh, en);
        }

        return Problems.Invalid(errors.ToDictionary());
    }
}
