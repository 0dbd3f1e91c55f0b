using Yiwang.Frontline.Domain.Supplies;
using Yiwang.Frontline.Localization;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;

namespace Yiwang.Frontline.Features.Supplies;

/// <summary>A worker records a request for a resident of their unit; the household's priority is computed now.</summary>
internal static class CreateSupplyRequest
{
    public const int MaxLines = 10;
    public const int MaxQuantity = 1000;

    public static async Task<Result<SupplyRequestRow>> HandleAsync(NewSupplyRequest body, FrontlineContext c, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var lines = CheckLines(body.Items, errors);
        errors.PlainText("note", body.Note, 200, required: false);
        if (body.PersonId is null)
        {
            errors.Add("personId", FrontlineText.Of("Field_ChooseResident"));
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var person = await c.People.FindAsync(body.PersonId!.Value, ct);
        if (person is null || !c.User.Scope.Contains(person.CommunityCode))
        {
            return Refusal.NotFound(FrontlineText.Of("Refusal_PersonNotInScope"));
        }

        if (person.CommunityCode.Length != 12)
        {
            return Refusal.BadRequest(FrontlineText.Of("Refusal_NoCommunity"), "no-community");
        }

        var members = await SupplyRequestRows.MembersAsync(person, c.People, ct);
        var request = NewRequest(person, members, lines, body.Note, "worker", c.User.Actor, c.Clock.GetUtcNow());
        c.Db.Add(request);
        await c.Db.SaveChangesAsync(ct);
        return (await SupplyRequestRows.RowsAsync([request], c, ct))[0];
    }

    /// <summary>
    /// The request itself, independent of who files it: a worker (above) and, later, a citizen's self-service
    /// (whose person is the signed-in resident) both end here.
    /// </summary>
    internal static SupplyRequest NewRequest(
        PersonSummary person, IReadOnlyList<PersonSummary> members, IReadOnlyList<SupplyRequestLine> lines, string? note,
        string channel, string actor, DateTimeOffset now)
    {
        var (priority, reasons) = SupplyPriority.Compute(members);
        var id = Guid.CreateVersion7(now);
        foreach (var l in lines)
        {
            l.RequestId = id;
        }

        return new SupplyRequest
        {
            Id = id,
            PersonId = person.Id,
            HouseholdId = person.HouseholdId,
            CommunityCode = person.CommunityCode,
            StreetCode = person.CommunityCode[..9],
            Channel = channel,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            Priority = priority,
            PriorityReasons = string.Join(',', reasons),
            Status = SupplyRequestStatus.Requested,
            IsOpen = true,
            CreatedAt = now,
            CreatedBy = actor,
            Lines = [.. lines],
        };
    }

    /// <summary>Validates the requested items: known catalogue items, names where needed, sane quantities, each once.</summary>
    internal static List<SupplyRequestLine> CheckLines(IReadOnlyList<SupplyLineInput>? items, FieldErrors errors)
    {
        var lines = new List<SupplyRequestLine>();
        if (items is not { Count: > 0 })
        {
            errors.Add("items", FrontlineText.Of("Field_AtLeastOneItem"));
            return lines;
        }

        if (items.Count > MaxLines)
        {
            errors.Add("items", FrontlineText.Of("Field_TooManyItems", MaxLines));
            return lines;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var x = items[i];
            var field = $"items[{i}]";
            if (!SupplyItems.TryParse(x.Item, out var item))
            {
                errors.Add(field, FrontlineText.Of("Field_UnknownItem"));
                continue;
            }

            var name = x.Name?.Trim() ?? "";
            if (item.NeedsName())
            {
                errors.PlainText(field + ".name", x.Name, 50, required: true);
            }
            else if (name.Length > 0)
            {
                errors.Add(field + ".name", FrontlineText.Of("Field_ItemTakesNoName"));
            }

            if (x.Quantity is not (>= 1 and <= MaxQuantity))
            {
                errors.Add(field + ".quantity", FrontlineText.Of("Field_QuantityRange", MaxQuantity));
            }

            if (lines.Any(l => l.Item == item && l.Name == name))
            {
                errors.Add(field, FrontlineText.Of("Field_ItemOnce"));
            }

            lines.Add(new SupplyRequestLine { LineNo = i + 1, Item = item, Name = name, Quantity = x.Quantity ?? 0 });
        }

        return lines;
    }
}
