using Microsoft.EntityFrameworkCore;
using Yiwang.Kernel.Data;

namespace Yiwang.Frontline.Data;

/// <summary>The Frontline module's tables, in schema <c>frontline</c> on PostgreSQL.</summary>
internal sealed class FrontlineModel : IModelContributor
{
    public void Configure(ModelBuilder modelBuilder, DatabaseProvider provider)
    {
        _ = provider == DatabaseProvider.Postgres ? "frontline" : null;
    }
}
