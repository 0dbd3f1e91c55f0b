using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Web;

namespace Yiwang.Kernel.Audit;

internal static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/audit").WithTags("Audit / 审计").RequireAuthorization(nameof(Permission.AuditRead));
        g.MapGet("/", async (YiwangDbContext db, int? page, int? pageSize, CancellationToken ct) => TypedResults.Ok(await ListAsync(db, page, pageSize, ct)));
        g.MapGet("/verify", async (YiwangDbContext db, CancellationToken ct) => TypedResults.Ok(await AuditChain.VerifyAsync(db, null, ct)));
        return g;
    }

    internal static async Task<Page<AuditEntry>> ListAsync(YiwangDbContext db, int? page, int? pageSize, CancellationToken ct)
    {
        var p = PageRequest.Of(page, pageSize);
        var q = db.AuditEntries.AsNoTracking();
        var total = await q.LongCountAsync(ct);
        var items = await q.OrderByDescending(a => a.Seq).Skip(p.Skip).Take(p.Size).ToListAsync(ct);
        return new Page<AuditEntry>(items, total, p.Number, p.Size);
    }
}
