using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yiwang.Frontline.Domain.Screening;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Contracts.HealthCodes;
using Yiwang.Kernel.Contracts.Command;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Time;
using Yiwang.Kernel.Web;

namespace Yiwang.Frontline.Features.Screening;

/// <summary>
/// Checks and handles one webhook request: sender, freshness, signature, nonce, event; then matches the subject
/// against the returnees list. A match stores a sighting and opens a verification work order for the person's
/// community in one save; a request refused for any reason stores nothing.
/// </summary>
internal sealed partial class ScreeningEvents(
    YiwangDbContext db, IPersonDirectory people, IWorkOrderDispatcher workOrders, CurrentUser user, TimeProvider clock,
    IOptions<ScreeningOptions> options)
{
    internal sealed record EventBody(
        string? EventId, string? System, string? DeviceId, string? Location, Guid? CheckpointId, DateTimeOffset? OccurredAt,
        string? IdNumber, string? Plate);

    internal sealed record Accepted(string Status, string EventId);

    internal enum Refusal
    {
        TooLarge,
        MissingHeaders,
        UnknownSender,
        StaleTimestamp,
        BadSignature,
        ReplayedNonce,
        MalformedJson,
        InvalidEvent,
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { MaxDepth = 8 };

    public async Task<IResult> ReceiveAsync(string senderCode, string timestamp, string nonce, string signature, byte[] body, CancellationToken ct)
    {
        if (senderCode.Length is 0 or > 64 || timestamp.Length == 0 || nonce.Length == 0 || signature.Length == 0)
        {
            return Refuse(Refusal.MissingHeaders);
        }

        var sender = await db.Set<ScreeningSender>().AsNoTracking().FirstOrDefaultAsync(s => s.Code == senderCode && s.Active, ct);
        if (sender is null)
        {
            return Refuse(Refusal.UnknownSender);
        }

        var o = options.Value;
        var now = clock.GetUtcNow();
        var skew = TimeSpan.FromMinutes(o.ClockSkewMinutes);
        if (!TimestampPattern().IsMatch(timestamp)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(now.ToUnixTimeSeconds() - seconds) > skew.TotalSeconds)
        {
            return Refuse(Refusal.StaleTimestamp);
        }

        if (!NoncePattern().IsMatch(nonce) || !ScreeningSignature.Verify(sender.PublicKey, timestamp, nonce, body, signature))
        {
            return Refuse(Refusal.BadSignature);
        }

        if (await db.Set<ScreeningNonce>().AsNoTracking().AnyAsync(n => n.SenderId == sender.Id && n.Nonce == nonce, ct))
        {
            return Refuse(Refusal.ReplayedNonce);
        }

        EventBody? e;
        try
        {
            e = JsonSerializer.Deserialize<EventBody>(body, Json);
        }
        catch (JsonException)
        {
            e = null;
        }

        if (e is null)
        {
            return Refuse(Refusal.MalformedJson);
        }

        var invalid = await ValidateAsync(e, sender, now, ct);
        if (invalid is not null)
        {
            return Refuse(Refusal.InvalidEvent, invalid);
        }

        user.ActAs("screening:" + sender.Code);
        // The nonce is kept until its timestamp could no longer pass the freshness check anyway.
        db.Add(new ScreeningNonce { SenderId = sender.Id, Nonce = nonce, ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(seconds) + skew + skew });
        var eventId = e.EventId!.Trim();
        if (await db.Set<Sighting>().AsNoTracking().AnyAsync(s => s.SenderId == sender.Id && s.EventId == eventId, ct))
        {
            return await SaveAsync(sender.Id, nonce, eventId, ct);
        }

        var seenAt = e.OccurredAt!.Value.ToUniversalTime();
        foreach (var returnee in await MatchAsync(e, seenAt, ct))
        {
            await AddSightingAsync(sender, e, eventId, seenAt, returnee, now, ct);
        }

        return await SaveAsync(sender.Id, nonce, eventId, ct);
    }

    /// <summary>
    /// Saves the nonce (and any sightings with their work orders). The answer is the same whether the event matched or
    /// not: a sender learns nothing about who is on the list.
    /// </summary>
    private async Task<IResult> SaveAsync(Guid senderId, string nonce, string eventId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request raced with the same nonce or event: decide from what is stored now.
            db.ChangeTracker.Clear();
            if (await db.Set<ScreeningNonce>().AsNoTracking().AnyAsync(n => n.SenderId == senderId && n.Nonce == nonce, ct))
            {
                return Refuse(Refusal.ReplayedNonce);
            }

            if (!await db.Set<Sighting>().AsNoTracking().AnyAsync(s => s.SenderId == senderId && s.EventId == eventId, ct))
            {
                throw;
            }
        }

        return TypedResults.Accepted((string?)null, new Accepted("accepted", eventId));
    }

    /// <summary>Returnees in their observation window whom the event's subject designates (one entry per person, latest arrival).</summary>
    private async Task<List<Returnee>> MatchAsync(EventBody e, DateTimeOffset seenAt, CancellationToken ct)
    {
        var seenDate = Yiwang.Kernel.Time.DistrictTime.DateOf(seenAt);
        var from = seenDate.AddDays(-options.Value.ObservationDays);
        IQueryable<Returnee> q;
        if (e.IdNumber is { Length: > 0 } idNumber)
        {
            var person = await people.FindByIdNumberAsync(idNumber, ct);
            if (person is null)
            {
                return [];
            }

            q = db.Set<Returnee>().Where(r => r.PersonId == person.Id);
        }
        else
        {
            var plate = ScreeningScope.NormalizePlate(e.Plate);
            q = db.Set<Returnee>().Where(r => r.VehiclePlate == plate);
        }

        var found = await q.AsNoTracking().Where(r => r.ArrivalDate >= from && r.ArrivalDate <= seenDate).Take(50).ToListAsync(ct);
        return [.. found.GroupBy(r => r.PersonId).Select(g => g.OrderByDescending(r => r.ArrivalDate).First())];
    }

    private async Task AddSightingAsync(
        ScreeningSender sender, EventBody e, string eventId, DateTimeOffset seenAt, Returnee returnee, DateTimeOffset now, CancellationToken ct)
    {
        var local = TimeZoneInfo.ConvertTime(seenAt, DistrictTime.Zone);
        var day = local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var at = local.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);
        var where = Clean(e.Location) ?? e.DeviceId!.Trim();
        var (sourceZh, sourceEn) = sender.Kind switch
        {
            ScreeningSystemKind.Face => ("人脸识别", "face recognition"),
            ScreeningSystemKind.Plate => ("车牌识别", "plate recognition"),
            _ => ("门禁", "door access"),
        };
        var orderId = await workOrders.DispatchAsync(db, new WorkOrderRequest(
            Module: "frontline",
            Kind: "returnee-verification",
            DedupKey: $"returnee-verification:{returnee.PersonId:N}:{day}",
            UnitCode: returnee.CommunityCode,
            TitleZh: "核查重点地区返回人员",
            TitleEn: "Verify a returnee from a key region",
            DueAt: now.AddHours(options.Value.VerificationDueHours),
            SubjectType: "person",
            SubjectId: returnee.PersonId.ToString(),
            Detail: $"{at} {sourceZh}在「{where}」发现自{returnee.RegionName}返回（{returnee.ArrivalDate:yyyy-MM-dd} 抵达）的人员，请上门核实健康状况与管控措施。"
                + $" / Seen by {sourceEn} at \"{where}\" on {at}: a person who returned from {returnee.RegionName} on {returnee.ArrivalDate:yyyy-MM-dd}; visit and verify."),
            ct);
        db.Add(new Sighting
        {
            Id = Guid.CreateVersion7(now),
            PersonId = returnee.PersonId,
            CommunityCode = returnee.CommunityCode,
            StreetCode = returnee.StreetCode,
            ReturneeId = returnee.Id,
            SenderId = sender.Id,
            EventId = eventId,
            Source = sender.Kind,
            DeviceId = e.DeviceId!.Trim(),
            Location = Clean(e.Location),
            CheckpointId = e.CheckpointId,
            SeenAt = seenAt,
            ReceivedAt = now,
            Purpose = Sighting.PurposeReturneeScreening,
            WorkOrderId = orderId,
        });
    }

    private async Task<string?> ValidateAsync(EventBody e, ScreeningSender sender, DateTimeOffset now, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (e.EventId is null || !EventIdPattern().IsMatch(e.EventId.Trim()))
        {
            errors.Add("eventId", "必填：1–64 位字母、数字或 . _ : -", "Required: 1–64 letters, digits or . _ : -");
        }

        if (!Enum.TryParse<ScreeningSystemKind>(e.System, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || kind != sender.Kind)
        {
            errors.Add("system", $"应为该发送方登记的系统类型 {sender.Kind.ToString().ToLowerInvariant()}",
                $"Must be the sender's registered system kind, {sender.Kind.ToString().ToLowerInvariant()}");
        }

        errors.PlainText("deviceId", e.DeviceId, 64, required: true);
        errors.PlainText("location", e.Location, 100, required: false);
        if (e.OccurredAt is not { } at)
        {
            errors.Add("occurredAt", "必填", "Required");
        }
        else if (at > now.AddMinutes(options.Value.ClockSkewMinutes) || at < now.AddDays(-options.Value.SightingRetentionDays))
        {
            errors.Add("occurredAt", "发生时间不能晚于现在，也不能早于保留期", "The time must not be in the future nor older than the retention period");
        }

        if (sender.Kind == ScreeningSystemKind.Plate)
        {
            var plate = ScreeningScope.NormalizePlate(e.Plate);
            if (plate is null || !ScreeningScope.IsPlate(plate))
            {
                errors.Add("plate", "车牌识别事件须有车牌（如 鄂A12345）", "A plate event needs a vehicle plate (e.g. 鄂A12345)");
            }
        }
        else if (string.IsNullOrWhiteSpace(e.IdNumber) || e.IdNumber.Trim().Length != 18)
        {
            errors.Add("idNumber", "人脸/门禁事件须有 18 位身份证号", "A face or door event needs an 18-character identity number");
        }

        if (e.CheckpointId is { } cp && !await db.Set<Checkpoint>().AsNoTracking().AnyAsync(c => c.Id == cp, ct))
        {
            errors.Add("checkpointId", "未知的卡口", "Unknown checkpoint");
        }

        return errors.Any ? string.Join("; ", errors.ToDictionary().Select(kv => $"{kv.Key}: {string.Join(" ", kv.Value)}")) : null;
    }

    internal static IResult Refuse(Refusal why, string? detail = null)
    {
        var (status, code, zh, en) = why switch
        {
            Refusal.TooLarge => (413, "screening-body-too-large", $"事件过大（最多 {detail} 字节），未保存", $"The event is too large (at most {detail} bytes); nothing was stored"),
            Refusal.MissingHeaders => (401, "screening-missing-headers", "缺少 X-Yiwang-Sender、X-Yiwang-Timestamp、X-Yiwang-Nonce 或 X-Yiwang-Signature 请求头",
                "Missing X-Yiwang-Sender, X-Yiwang-Timestamp, X-Yiwang-Nonce or X-Yiwang-Signature header"),
            Refusal.UnknownSender => (401, "screening-unknown-sender", "未登记或已停用的发送方", "Unknown or disabled sender"),
            Refusal.StaleTimestamp => (401, "screening-stale-timestamp", "时间戳无效或与服务器时间相差超过 5 分钟", "The timestamp is invalid or more than 5 minutes from the server's clock"),
            Refusal.BadSignature => (401, "screening-bad-signature", "签名无效", "The signature does not verify"),
            Refusal.ReplayedNonce => (409, "screening-replayed-nonce", "该随机数（nonce）已使用过：疑似重放，已拒绝", "This nonce was already used: a replay, refused"),
            Refusal.MalformedJson => (400, "screening-malformed-json", "请求体不是有效的 JSON 事件", "The body is not a valid JSON event"),
            _ => (400, "screening-invalid-event", "事件字段有误：" + detail, "Invalid event fields: " + detail),
        };
        return Problems.Status(status, zh, en, code);
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    [GeneratedRegex(@"^\d{9,11}$")]
    private static partial Regex TimestampPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{16,64}$")]
    private static partial Regex NoncePattern();

    [GeneratedRegex(@"^[A-Za-z0-9._:-]{1,64}$")]
    private static partial Regex EventIdPattern();
}
