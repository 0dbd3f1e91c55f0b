using Microsoft.EntityFrameworkCore;

namespace Yiwang.Kernel.Data;

/// <summary>
/// A module's share of the one database model. Each module registers one; the shared
/// <see cref="YiwangDbContext"/> applies them all, so a module's entity types can stay internal to it.
/// </summary>
public interface IModelContributor
{
    /// <summary>Configures the module's entities. <paramref name="provider"/> allows per-provider details such as schemas.</summary>
    void Configure(ModelBuilder modelBuilder, DatabaseProvider provider);
}
