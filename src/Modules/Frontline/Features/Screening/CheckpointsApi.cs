using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Web;

namespace Yiwang.Frontline.Features.Screening;

/// <summary>Checkpoints (驻点设卡) over HTTP: sites, duty rosters and passage logs, inside the caller's unit.</summary>
internal static class CheckpointsApi
{
    internal sealed record CheckpointRow(
        Guid Id, string Name, string Kind, string UnitCode, string? UnitName, double? Latitude, double? Longitude, bool Active, bool OnDuty);

    internal sealed record StaffView(string Name, string Role);

    internal sealed record ShiftView(Guid Id, DateTimeOffset StartsAt, DateTimeOffset EndsAt, bool Now, IReadOnlyList<StaffView> Staff);

    internal sealed record CheckpointDetail(CheckpointRow Checkpoint, IReadOnlyList<ShiftView> Roster);

    internal sealed record PassageRow(
        Guid Id, DateTimeOffset At, string Direction, string? VehiclePlate, int Persons, string Temperature, string? Note, string RecordedBy);

    internal sealed record CheckpointInput(string? Name, string? Kind, string? UnitCode, double? Latitude, double? Longitude, bool? Active);

    internal sealed record StaffInput(string? Name, string? Role);

    internal sealed record ShiftInput(DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, IReadOnlyList<StaffInput>? Staff);

    internal sealed record PassageInput(
        DateTimeOffset? At, string? Direction, string? VehiclePlate, int? Persons, string? Temperature, string? Note);

    public static RouteGroupBuilder MapCheckpointsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/checkpoints").WithTags("Frontline / 卡口");
        g.MapGet("/", async (string? q, int? page, int? pageSize, FrontlineContext c, CancellationToken ct) =>
            (await Checkpoints.ListAsync(q, page, pageSize, c, ct)).ToOk()).RequireAuthorization(nameof(Permission.FrontlineRead));
        g.MapPost("/", async (CheckpointInput body, FrontlineContext c, CancellationToken ct) =>
            (await Checkpoints.CreateAsync(body, c, ct)).ToCreated(r => $"/api/checkpoints/{r.Id}")).RequireAuthorization(nameof(Permission.FrontlineWrite));
        g.MapGet("/{id:guid}", async (Guid id, FrontlineContext c, CancellationToken ct) =>
            (await Checkpoints.GetAsync(id, c, ct)).ToOk()).RequireAuthorization(nameof(Permission.FrontlineRead));
        g.MapPut("/{id:guid}", async (Guid id, CheckpointInput body, FrontlineContext c, CancellationToken ct) =>
            (await Checkpoints.UpdateAsync(id, body, c, ct)).ToOk()).RequireAuthorization(nameof(Permission.FrontlineWrite));
        g.MapPost("/{id:guid}/shifts", async (Guid id, ShiftInput body, FrontlineContext c, CancellationToken ct) =>
            (await DutyRoster.AddShiftAsync(id, body, c, ct)).ToCreated(_ => $"/api/checkpoints/{id}")).RequireAuthorization(nameof(Permission.FrontlineWrite));
        g.MapDelete("/{id:guid}/shifts/{shiftId:guid}", async (Guid id, Guid shiftId, FrontlineContext c, CancellationToken ct) =>
            (await DutyRoster.DeleteShiftAsync(id, shiftId, c, ct)).ToNoContent()).RequireAuthorization(nameof(Permission.FrontlineWrite));
        g.MapGet("/{id:guid}/passages", async (Guid id, int? page, int? pageSize, FrontlineContext c, CancellationToken ct) =>
            (await Passages.ListAsync(id, page, pageSize, c, ct)).ToOk()).RequireAuthorization(nameof(Permission.FrontlineRead));
        g.MapPost("/{id:guid}/passages", async (Guid id, PassageInput body, FrontlineContext c, CancellationToken ct) =>
            (await Passages.AddAsync(id, body, c, ct)).ToCreated(_ => $"/api/checkpoints/{id}/passages")).RequireAuthorization(nameof(Permission.FrontlineWrite));
        return g;
    }
}
