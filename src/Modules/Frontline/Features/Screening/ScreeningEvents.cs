using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yiwang.Frontline.Domain.Screening;
using Yiwang.Kernel.Access;
using Yiwang.Frontline.Localization;
using Yiwang.Kernel.Contracts.Command;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Time;
using Yiwang.Kernel.UseCases;
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

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { MaxDepth = 8 };

    public async Task<Result<Accepted>> ReceiveAsync(string senderCode, string timestamp, string nonce, string signature, byte[] body, CancellationToken ct)
    {
        if (senderCode.Length is 0 or > 64 || timestamp.Length == 0 || nonce.Length == 0 || signature.Length == 0)
        {
            return WebhookRefusals.MissingHeaders();
        }

        var sender = await db.Set<ScreeningSender>().AsNoTracking().FirstOrDefaultAsync(s => s.Code == senderCode && s.Active, ct);
        if (sender is null)
        {
            return WebhookRefusals.UnknownSender();
        }

        var o = options.Value;
        var now = clock.GetUtcNow();
        var skew = TimeSpan.FromMinutes(o.ClockSkewMinutes);
        if (!TimestampPattern().IsMatch(timestamp)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(now.ToUnixTimeSeconds() - seconds) > skew.TotalSeconds)
        {
            return WebhookRefusals.StaleTimestamp();
        }

        if (!NoncePattern().IsMatch(nonce) || !ScreeningSignature.Verify(sender.PublicKey, timestamp, nonce, body, signature))
        {
            return WebhookRefusals.BadSignature();
        }

        if (await db.Set<ScreeningNonce>().AsNoTracking().AnyAsync(n => n.SenderId == sender.Id && n.Nonce == nonce, ct))
        {
            return WebhookRefusals.ReplayedNonce();
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
            return WebhookRefusals.MalformedJson();
        }

        var invalid = await ValidateAsync(e, sender, now, ct);
        if (invalid is not null)
        {
            return WebhookRefusals.InvalidEvent(invalid);
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
    private async Task<Result<Accepted>> SaveAsync(Guid senderId, string nonce, string eventId, CancellationToken ct)
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
                return WebhookRefusals.ReplayedNonce();
            }

            if (!await db.Set<Sighting>().AsNoTracking().AnyAsync(s => s.SenderId == senderId && s.EventId == eventId, ct))
            {
                throw;
            }
        }

        return new Accepted("accepted", eventId);
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
        var source = new FrontlineWord(sender.Kind switch
        {
            ScreeningSystemKind.Face => "Source_Face",
            ScreeningSystemKind.Plate => "Source_Plate",
            _ => "Source_Door",
        });
        var title = FrontlineText.Of("WorkOrder_VerifyReturnee");
        var orderId = await workOrders.DispatchAsync(db, new WorkOrderRequest(
            Module: "frontline",
            Kind: "returnee-verification",
            DedupKey: $"returnee-verification:{returnee.PersonId:N}:{day}",
            UnitCode: returnee.CommunityCode,
            TitleZh: title.Render(Text.Chinese),
            TitleEn: title.Render(Text.English),
            DueAt: now.AddHours(options.Value.VerificationDueHours),
            SubjectType: "person",
            SubjectId: returnee.PersonId.ToString(),
            Detail: FrontlineText.Of("WorkOrder_SightingDetail", at, source, where, returnee.RegionName, returnee.ArrivalDate).Bilingual()),
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

    private async Task<Refusal?> ValidateAsync(EventBody e, ScreeningSender sender, DateTimeOffset now, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (e.EventId is null || !EventIdPattern().IsMatch(e.EventId.Trim()))
        {
            errors.Add("eventId", FrontlineText.Of("Event_EventId"));
        }

        if (!Enum.TryParse<ScreeningSystemKind>(e.System, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || kind != sender.Kind)
        {
            errors.Add("system", FrontlineText.Of("Event_System", sender.Kind.ToString().ToLowerInvariant()));
        }

        errors.PlainText("deviceId", e.DeviceId, 64, required: true);
        errors.PlainText("location", e.Location, 100, required: false);
        if (e.OccurredAt is not { } at)
        {
            errors.Required("occurredAt");
        }
        else if (at > now.AddMinutes(options.Value.ClockSkewMinutes) || at < now.AddDays(-options.Value.SightingRetentionDays))
        {
            errors.Add("occurredAt", FrontlineText.Of("Event_OccurredAt"));
        }

        if (sender.Kind == ScreeningSystemKind.Plate)
        {
            var plate = ScreeningScope.NormalizePlate(e.Plate);
            if (plate is null || !ScreeningScope.IsPlate(plate))
            {
                errors.Add("plate", FrontlineText.Of("Event_Plate"));
            }
        }
        else if (string.IsNullOrWhiteSpace(e.IdNumber) || e.IdNumber.Trim().Length != 18)
        {
            errors.Add("idNumber", FrontlineText.Of("Event_IdNumber"));
        }

        if (e.CheckpointId is { } cp && !await db.Set<Checkpoint>().AsNoTracking().AnyAsync(c => c.Id == cp, ct))
        {
            errors.Add("checkpointId", FrontlineText.Of("Event_Checkpoint"));
        }

        return errors.Any ? errors.ToRefusal() : null;
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    [GeneratedRegex(@"^\d{9,11}$")]
    private static partial Regex TimestampPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{16,64}$")]
    private static partial Regex NoncePattern();

    [GeneratedRegex(@"^[A-Za-z0-9._:-]{1,64}$")]
    private static partial Regex EventIdPattern();
}
