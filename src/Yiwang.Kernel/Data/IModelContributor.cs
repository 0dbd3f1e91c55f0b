using Microsoft.EntityFrameworkCore;

namespace Yiwang.Kernel.Data;

/// <summary>A module's share of the one model: the shared <see cref="YiwangDbContext"/> applies them all, so entity types stay internal.</summary>
public interface IModelContributor
{
    void Configure(ModelBuilder modelBuilder, DatabaseProvider provider);
}
