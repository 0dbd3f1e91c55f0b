using Microsoft.EntityFrameworkCore;
using Yiwang.HealthCodes.Domain;
using Yiwang.HealthCodes.Features.Colours;
using Yiwang.HealthCodes.Localization;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Time;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;

namespace Yiwang.HealthCodes.Features.Citizens;

/// <summary>The colour engine re-evaluates the person in the same save as the declaration.</summary>
internal static class Declarations
{
    internal sealed record DeclareRequest(
        bool? Fever, IReadOnlyList<string>? Symptoms, string? TravelRegion, string? TravelRegionCode, DateOnly? TravelFrom,
        DateOnly? TravelTo, string? Note);

    internal sealed record DeclarationView(
        Guid Id, DateTimeOffset DeclaredAt, bool Fever, IReadOnlyList<string> Symptoms, string TravelRegion, string? TravelRegionCode,
        DateOnly? TravelFrom, DateOnly? TravelTo, string? Note);

    /// <summary>How far back a stay may be declared.</summary>
    public const int MaxDaysBack = 30;

    /// <summary>Symptom tokens the form offers (the page shows each in both languages).</summary>
    public static readonly IReadOnlyList<string> SymptomTokens =
        ["cough", "sore-throat", "fatigue", "taste-loss", "short-breath", "muscle-ache", "runny-nose", "diarrhoea"];

    internal static async Task<Result<DeclarationView>> CreateAsync(
        DeclareRequest? body, YiwangDbContext db, CitizenLinks links, ColourEngine engine, CurrentUser user, TimeProvider clock,
        CancellationToken ct)
    {
        if (await links.PersonOfAsync(db, user.Name, ct) is not { } person)
        {
            return CitizenLinks.NotBound();
        }

        body ??= new DeclareRequest(null, null, null, null, null, null, null);
        var errors = new FieldErrors();
        var symptoms = (body.Symptoms ?? []).Select(s => s?.Trim() ?? "").Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        foreach (var unknown in symptoms.Where(s => !SymptomTokens.Contains(s)))
        {
            errors.Add("symptoms", Words("Error_UnknownSymptom", Clip(unknown)));
        }

        var today = DistrictTime.Today(clock);
        var travel = !string.IsNullOrWhiteSpace(body.TravelRegion) || body.TravelFrom is not null || body.TravelTo is not null
            || !string.IsNullOrWhiteSpace(body.TravelRegionCode);
        if (travel)
        {
            errors.PlainText("travelRegion", body.TravelRegion, 100, required: true);
            if (body.TravelRegionCode is { Length: > 0 } code && !(code.Length is 6 or 9 or 12 && code.All(char.IsAsciiDigit)))
            {
                errors.Add("travelRegionCode", Words("Error_RegionCode"));
            }

            CheckDate(errors, "travelFrom", body.TravelFrom, today);
            CheckDate(errors, "travelTo", body.TravelTo, today);
            if (body.TravelFrom is { } from && body.TravelTo is { } to && to < from)
            {
                errors.Add("travelTo", Words("Error_EndBeforeStart"));
            }
        }

        errors.PlainText("note", body.Note, 500, required: false);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var declaration = new Declaration
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            PersonId = person,
            DeclaredAt = clock.GetUtcNow(),
            Fever = body.Fever == true,
            Symptoms = string.Join(',', symptoms),
            TravelRegion = travel ? body.TravelRegion!.Trim() : "",
            TravelRegionCode = travel && body.TravelRegionCode is { Length: > 0 } c ? c : null,
            TravelFrom = travel ? body.TravelFrom : null,
            TravelTo = travel ? body.TravelTo : null,
            Note = string.IsNullOrWhiteSpace(body.Note) ? null : body.Note.Trim(),
        };
        db.Set<Declaration>().Add(declaration);
        // A declaration is a fact the colour rules read: the person's colour changes (or not) in the same save.
        await engine.ReevaluateAsync(db, person, "declaration", user.Actor, ct);
        await db.SaveChangesAsync(ct);
        return View(declaration);
    }

    internal static async Task<Result<IReadOnlyList<DeclarationView>>> ListAsync(
        YiwangDbContext db, CitizenLinks links, CurrentUser user, CancellationToken ct)
    {
        if (await links.PersonOfAsync(db, user.Name, ct) is not { } person)
        {
            return CitizenLinks.NotBound();
        }

        var rows = await db.Set<Declaration>().AsNoTracking().Where(d => d.PersonId == person)
            .OrderByDescending(d => d.DeclaredAt).Take(20).ToListAsync(ct);
        return rows.Select(View).ToList();
    }

    private static void CheckDate(FieldErrors errors, string field, DateOnly? date, DateOnly today)
    {
        if (date is not { } d)
        {
            errors.Add(field, Words("Error_DateRequired"));
        }
        else if (d > today)
        {
            errors.Add(field, Words("Error_DateFuture"));
        }
        else if (d < today.AddDays(-MaxDaysBack))
        {
            errors.Add(field, Words("Error_DateTooOld", MaxDaysBack));
        }
    }

    private static DeclarationView View(Declaration d) =>
        new(d.Id, d.DeclaredAt, d.Fever, d.Symptoms.Length == 0 ? [] : d.Symptoms.Split(','), d.TravelRegion, d.TravelRegionCode,
            d.TravelFrom, d.TravelTo, d.Note);

    private static Text Words(string key, params object?[] args) => new(typeof(CitizenText), key, args);

    private static string Clip(string s) => s.Length <= 20 ? s : s[..20] + "…";
}
