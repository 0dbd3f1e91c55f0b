using Microsoft.EntityFrameworkCore;
using Yiwang.Kernel.Data;

namespace Yiwang.Epidemic.Data;

/// <summary>The Epidemic module's tables, in schema <c>epidemic</c> on PostgreSQL.</summary>
internal sealed class EpidemicModel : IModelContributor
{
    public void Configure(ModelBuilder modelBuilder, DatabaseProvider provider)
    {
        _ = provider == DatabaseProvider.Postgres ? "epidemic" : null;
    }
}
