using Microsoft.EntityFrameworkCore;
using Yiwang.Command.Domain;
using Yiwang.Kernel.Audit;
using Yiwang.Kernel.Contracts.Command;
using Yiwang.Kernel.Data;

namespace Yiwang.Command.Features.WorkOrders;

/// <summary>Adds work orders to the caller's unit of work (see <see cref="IWorkOrderDispatcher"/>).</summary>
internal sealed class WorkOrderDispatcher(TimeProvider clock, IAuditContext audit) : IWorkOrderDispatcher
{
    public async Task<Guid> DispatchAsync(YiwangDbContext db, WorkOrderRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        var pending = db.ChangeTracker.Entries<WorkOrder>()
            .FirstOrDefault(e => e.Entity.Module == request.Module && e.Entity.DedupKey == request.DedupKey);
        if (pending is not null)
        {
            return pending.Entity.Id;
        }

        var existing = await db.Set<WorkOrder>().AsNoTracking()
            .Where(w => w.Module == request.Module && w.DedupKey == request.DedupKey).Select(w => (Guid?)w.Id).FirstOrDefaultAsync(ct);
        if (existing is { } id)
        {
            return id;
        }

        var order = new WorkOrder
        {
            Id = Guid.CreateVersion7(),
            Module = request.Module,
            Kind = request.Kind,
            DedupKey = request.DedupKey,
            UnitCode = request.UnitCode,
            OriginalUnitCode = request.UnitCode,
            TitleZh = request.TitleZh,
            TitleEn = request.TitleEn,
            Detail = request.Detail,
            SubjectType = request.SubjectType,
            SubjectId = request.SubjectId,
            Status = WorkOrderStatus.Open,
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = audit.Actor,
            DueAt = request.DueAt,
            OriginalDueAt = request.DueAt,
        };
        db.Add(order);
        db.Add(new WorkOrderEvent
        {
            Id = Guid.CreateVersion7(),
            WorkOrderId = order.Id,
            Kind = WorkOrderEvent.Created,
            At = order.CreatedAt,
            Actor = order.CreatedBy,
            ToUnitCode = order.UnitCode,
        });
        return order.Id;
    }
}
