using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Yiwang.Kernel.Data;
using Yiwang.Modules;

namespace Yiwang.Persistence.Sqlite;

/// <summary>Lets <c>dotnet ef</c> build the SQLite model and its migrations without the host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<YiwangDbContext>
{
    public YiwangDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<YiwangDbContext>();
        new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = "Data Source=design-time.db" }.Apply(builder);
        return new YiwangDbContext(builder.Options, ModuleList.Models, TimeProvider.System);
    }
}
