using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;
using Yiwang.People.Domain;
using Yiwang.People.Intake;
using Yiwang.People.Localization;

namespace Yiwang.People.Features;

/// <summary>Source systems and intake: the JSON batch API, uploaded files, and the validation reports.</summary>
internal static partial class IntakeApi
{
    public const int MaxBatchRecords = 5000;

    internal sealed record SourceView(string Code, string Name, string RecordType, string JurisdictionCode, bool Active);

    internal sealed record RegisterSource(string? Code, string? Name, string? RecordType, string? JurisdictionCode);

    internal sealed record Registered(SourceView Source, string ApiKey);

    internal sealed record RejectionView(long RowNumber, string Field, string Code, string Zh, string En);

    internal sealed record BatchReport(
        Guid BatchId, string Source, string Channel, string? FileName, string Status, long Rows, long Created, long Updated,
        long Unchanged, long Rejected, long NeedsReview, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string? Error,
        IReadOnlyList<RejectionView> Rejections);

    public static RouteGroupBuilder MapIntakeApi(this IEndpointRouteBuilder app)
    {
        var sources = app.MapGroup("/api/sources").WithTags("Sources / 数据源");
        sources.MapGet("/", ListSourcesAsync).RequireAuthorization(nameof(Permission.IntakeSubmit));
        sources.MapPost("/", async (RegisterSource body, YiwangDbContext db, JurisdictionDirectory dir, TimeProvider clock, CancellationToken ct) =>
            (await RegisterSourceAsync(body, db, dir, clock, ct)).ToCreated(r => $"/api/sources/{r.Source.Code}"))
            .RequireAuthorization(nameof(Permission.SourcesManage));

        var g = app.MapGroup("/api/intake").WithTags("Intake / 数据汇聚");
        // A batch of 5,000 records is about 2 MB of JSON.
        g.MapPost("/{source}/records", async (string source, JsonElement body, YiwangDbContext db, CurrentUser user, IntakeEngine engine, CancellationToken ct) =>
            (await SubmitAsync(source, body, db, user, engine, ct)).ToOk()).RequireAuthorization(nameof(Permission.IntakeSubmit))
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(4 * 1024 * 1024));
        g.MapGet("/batches/{id:guid}", async (Guid id, YiwangDbContext db, CurrentUser user, CancellationToken ct) =>
            (await GetBatchAsync(id, db, user, ct)).ToOk()).RequireAuthorization(nameof(Permission.IntakeSubmit));
        g.MapGet("/batches/{id:guid}/rejections.{format}", DownloadRejectionsAsync).RequireAuthorization(nameof(Permission.IntakeSubmit));
        return g;
    }

    internal static async Task<Ok<List<SourceView>>> ListSourcesAsync(YiwangDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Set<SourceSystem>().AsNoTracking().OrderBy(s => s.Code)
            .Select(s => new SourceView(s.Code, s.Name, s.RecordType.ToString(), s.JurisdictionCode, s.Active)).ToListAsync(ct));

    internal static async Task<Result<Registered>> RegisterSourceAsync(
        RegisterSource body, YiwangDbContext db, JurisdictionDirectory dir, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(body.Code) || !CodePattern().IsMatch(body.Code))
        {
            errors.Add("code", new Text(typeof(PeopleText), "SourceCodeFormat"));
        }

        errors.PlainText("name", body.Name, 100, required: true);
        if (!Enum.TryParse<RecordType>(body.RecordType, ignoreCase: true, out var type))
        {
            errors.Add("recordType", new Text(typeof(PeopleText), "RecordTypeOneOf", string.Join("、", Enum.GetNames<RecordType>()), string.Join(", ", Enum.GetNames<RecordType>())));
        }

        if (body.JurisdictionCode is null || await dir.FindAsync(body.JurisdictionCode, ct) is null)
        {
            errors.Add("jurisdictionCode", new Text(typeof(PeopleText), "UnknownJurisdiction"));
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        if (await db.Set<SourceSystem>().AnyAsync(s => s.Code == body.Code, ct))
        {
            return Refusal.Conflict(new Text(typeof(PeopleText), "SourceExists"));
        }

        var (source, key) = await SourceCatalog.RegisterAsync(db, body.Code!, body.Name!.Trim(), type, body.JurisdictionCode!, clock, ct);
        return new Registered(View(source), key);
    }

    /// <summary>
    /// A JSON batch: <c>{"records": [{"sourceRecordId": "...", "idNumber": "...", ...}]}</c> with the camelCase
    /// names of <see cref="IntakeField"/>. Idempotent per source record id. A machine client may send only to its own source.
    /// </summary>
    internal static async Task<Result<BatchReport>> SubmitAsync(
        string source, JsonElement body, YiwangDbContext db, CurrentUser user, IntakeEngine engine, CancellationToken ct)
    {
        var src = await SourceCatalog.FindAsync(db, source, ct);
        if (src is null || (user.Role == AccountRole.SourceSystem && user.Name != "api:" + src.Code))
        {
            return Refusal.NotFound(new Text(typeof(PeopleText), "UnknownSource"));
        }

        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("records", out var records) || records.ValueKind != JsonValueKind.Array)
        {
            return Refusal.BadRequest(new Text(typeof(PeopleText), "BadBatchBody"), "bad-batch");
        }

        if (records.GetArrayLength() > MaxBatchRecords)
        {
            return Refusal.BadRequest(new Text(typeof(PeopleText), "BatchTooLarge", MaxBatchRecords), "batch-too-large");
        }

        var batch = await engine.RunAsync(src, user.Scope, "api", null, Rows(records), user.Actor, null, ct);
        return await ReportAsync(db, batch, src, 1000, ct);
    }

    private static IEnumerable<RawRow> Rows(JsonElement records)
    {
        var names = Enum.GetValues<IntakeField>().ToDictionary(f => JsonNamingPolicy.CamelCase.ConvertName(f.ToString()), f => f, StringComparer.OrdinalIgnoreCase);
        long n = 0;
        foreach (var r in records.EnumerateArray())
        {
            n++;
            var values = new string?[RawRow.FieldCount];
            if (r.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in r.EnumerateObject())
                {
                    if (names.TryGetValue(p.Name, out var field))
                    {
                        values[(int)field] = p.Value.ValueKind switch
                        {
                            JsonValueKind.String => p.Value.GetString() is { Length: > 0 } s ? s.Trim() : null,
                            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => p.Value.GetRawText(),
                            _ => null,
                        };
                    }
                }
            }

            yield return new RawRow(n, values);
        }
    }

    internal static async Task<Result<BatchReport>> GetBatchAsync(
        Guid id, YiwangDbContext db, CurrentUser user, CancellationToken ct)
    {
        var batch = await VisibleBatchAsync(db, user, id, ct);
        if (batch is null)
        {
            return BatchNotFound();
        }

        var src = await db.Set<SourceSystem>().AsNoTracking().FirstAsync(s => s.Id == batch.SourceSystemId, ct);
        return await ReportAsync(db, batch, src, 1000, ct);
    }

    /// <summary>The whole validation report as CSV or XLSX, streamed.</summary>
    internal static async Task<IResult> DownloadRejectionsAsync(Guid id, string format, YiwangDbContext db, CurrentUser user, HttpContext http, CancellationToken ct)
    {
        if (Downloads.FormatRefusal(format) is { } badFormat)
        {
            return Problems.From(badFormat);
        }

        var batch = await VisibleBatchAsync(db, user, id, ct);
        if (batch is null)
        {
            return Problems.From(BatchNotFound());
        }

        var rows = db.Set<ImportRejection>().AsNoTracking().Where(r => r.BatchId == id).OrderBy(r => r.RowNumber).ThenBy(r => r.Id).AsAsyncEnumerable();
        (string, Func<ImportRejection, string?>)[] columns =
        [
            (PeopleApi.Column("Row"), r => r.RowNumber.ToString(CultureInfo.InvariantCulture)),
            (PeopleApi.Column("Field"), r => r.Field),
            (PeopleApi.Column("Code"), r => r.Code),
            (PeopleApi.Column("Reason"), r => r.Zh),
            ("Reason", r => r.En),
        ];
        return await Downloads.WriteAsync(http, format, $"rejections-{id:N}", columns, rows, ct);
    }

    private static Refusal BatchNotFound() => Refusal.NotFound(new Text(typeof(PeopleText), "BatchNotFound"));

    /// <summary>District-level staff see every batch; others the ones they ran.</summary>
    internal static Task<ImportBatch?> VisibleBatchAsync(YiwangDbContext db, CurrentUser user, Guid id, CancellationToken ct)
    {
        var q = db.Set<ImportBatch>().AsNoTracking().Where(b => b.Id == id);
        if (user.Scope != AccessScope.District)
        {
            var actor = user.Actor;
            q = q.Where(b => b.By == actor);
        }

        return q.FirstOrDefaultAsync(ct);
    }

    internal static async Task<BatchReport> ReportAsync(YiwangDbContext db, ImportBatch b, SourceSystem src, int maxRejections, CancellationToken ct)
    {
        var rejections = await db.Set<ImportRejection>().AsNoTracking().Where(r => r.BatchId == b.Id)
            .OrderBy(r => r.RowNumber).ThenBy(r => r.Id).Take(maxRejections)
            .Select(r => new RejectionView(r.RowNumber, r.Field, r.Code, r.Zh, r.En)).ToListAsync(ct);
        return new BatchReport(b.Id, src.Code, b.Channel, b.FileName, b.Status.ToString(), b.Rows, b.Created, b.Updated,
            b.Unchanged, b.Rejected, b.NeedsReview, b.StartedAt, b.FinishedAt, b.Error, rejections);
    }

    internal static SourceView View(SourceSystem s) => new(s.Code, s.Name, s.RecordType.ToString(), s.JurisdictionCode, s.Active);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,31}$")]
    private static partial Regex CodePattern();
}
