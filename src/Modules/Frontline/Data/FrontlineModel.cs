using Microsoft.EntityFrameworkCore;
using Yiwang.Kernel.Data;

namespace Yiwang.Frontline.Data;

/// <summary>
/// The Frontline module's tables, in schema <c>frontline</c> on PostgreSQL: checkpoints and screening
/// (FrontlineModel.Screening.cs) and residents' supplies (FrontlineModel.Supplies.cs).
/// </summary>
internal sealed partial class FrontlineModel : IModelContributor
{
    public void Configure(ModelBuilder modelBuilder, DatabaseProvider provider)
    {
        var schema = provider == DatabaseProvider.Postgres ? "frontline" : null;
        ConfigureScreening(modelBuilder, schema);
        ConfigureSupplies(modelBuilder, schema);
    }

    static partial void ConfigureScreening(ModelBuilder modelBuilder, string? schema);

    static partial void ConfigureSupplies(ModelBuilder modelBuilder, string? schema);
}
