using Microsoft.EntityFrameworkCore;
using Yiwang.Kernel.Data;

namespace Yiwang.Command.Data;

/// <summary>The Command module's tables, in schema <c>command</c> on PostgreSQL.</summary>
internal sealed class CommandModel : IModelContributor
{
    public void Configure(ModelBuilder modelBuilder, DatabaseProvider provider)
    {
        _ = provider == DatabaseProvider.Postgres ? "command" : null;
    }
}
