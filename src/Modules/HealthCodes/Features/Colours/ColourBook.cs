using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Yiwang.HealthCodes.Domain;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.UseCases;

namespace Yiwang.HealthCodes.Features.Colours;

/// <summary>One reason behind a colour; stores the sentence's codes and values, rendered in both languages when read.</summary>
/// <param name="RuleId">The rule's id in the rule set ("confirmed-case", "close-contact", "override", …).</param>
/// <param name="RuleSetVersion">Version of the rule set (0 for an override).</param>
/// <param name="Words">The sentence's codes and values (stored; never the rendered text).</param>
/// <param name="FactKind">"case", "flag", "declaration", "override".</param>
/// <param name="SourceRef">The record behind it: "case:{id}", "source-record:{id}", "declaration:{id}", "override:{id}".</param>
/// <param name="Until">When this colour step ends if nothing changes (null: while the fact lasts).</param>
internal sealed record ColourReason(
    string RuleId, int RuleSetVersion, CodeColour Colour, [property: JsonIgnore] ReasonWords Words, string FactKind, string? SourceRef,
    DateTimeOffset Since, DateTimeOffset? Until)
{
    /// <summary>Plain Chinese: "确诊病例（四类人员记录：确诊，2026-11-20 08:00 起）：红码，持续至该情况结束".</summary>
    public string TextZh => Words.Render(Text.Chinese);

    public string TextEn => Words.Render(Text.English);
}

/// <summary>A reason as stored in a colour row, a change or an appeal: codes and values, no rendered words.</summary>
internal sealed record StoredReason(
    string RuleId, int RuleSetVersion, CodeColour Colour, ReasonWords Words, string FactKind, string? SourceRef, DateTimeOffset Since,
    DateTimeOffset? Until);

/// <summary>A person's colour now, with every reason that applies (the strongest decides).</summary>
internal sealed record ColourState(Guid PersonId, CodeColour Colour, DateTimeOffset? Since, IReadOnlyList<ColourReason> Reasons);

/// <summary>Reads persons' current colours (a person without a row is green, no reason) and their history.</summary>
internal sealed class ColourBook
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<ColourReason> Reasons(string json) =>
        [.. (JsonSerializer.Deserialize<List<StoredReason>>(json, Json) ?? [])
            .Select(r => new ColourReason(r.RuleId, r.RuleSetVersion, r.Colour, r.Words, r.FactKind, r.SourceRef, r.Since, r.Until))];

    public static string ReasonsJson(IEnumerable<ColourReason> reasons) => JsonSerializer.Serialize(
        reasons.Select(r => new StoredReason(r.RuleId, r.RuleSetVersion, r.Colour, r.Words, r.FactKind, r.SourceRef, r.Since, r.Until)), Json);

    public static async Task<ColourState> CurrentAsync(YiwangDbContext db, Guid personId, CancellationToken ct)
    {
        var row = await db.Set<PersonColour>().AsNoTracking().FirstOrDefaultAsync(c => c.PersonId == personId, ct);
        return StateOf(personId, row);
    }

    public static ColourState StateOf(Guid personId, PersonColour? row) =>
        row is null
            ? new ColourState(personId, CodeColour.Green, null, [])
            : new ColourState(personId, row.Colour, row.Since, Reasons(row.ReasonsJson));

    /// <summary>Colours of many persons at once (absent = green).</summary>
    public static async Task<Dictionary<Guid, CodeColour>> ColoursAsync(YiwangDbContext db, IReadOnlyCollection<Guid> personIds, CancellationToken ct)
    {
        var found = await db.Set<PersonColour>().AsNoTracking().Where(c => personIds.Contains(c.PersonId))
            .Select(c => new { c.PersonId, c.Colour }).ToDictionaryAsync(c => c.PersonId, c => c.Colour, ct);
        return personIds.Distinct().ToDictionary(id => id, id => found.GetValueOrDefault(id, CodeColour.Green));
    }

    /// <summary>The person's colour changes, newest first.</summary>
    public static Task<List<ColourChange>> HistoryAsync(YiwangDbContext db, Guid personId, int limit, CancellationToken ct) =>
        db.Set<ColourChange>().AsNoTracking().Where(c => c.PersonId == personId)
            .OrderByDescending(c => c.At).ThenByDescending(c => c.Id).Take(Math.Clamp(limit, 1, 500)).ToListAsync(ct);
}
