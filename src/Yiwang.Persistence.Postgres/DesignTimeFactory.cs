using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Yiwang.Kernel.Data;
using Yiwang.Modules;

namespace Yiwang.Persistence.Postgres;

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model and its migrations without the host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<YiwangDbContext>
{
    public YiwangDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<YiwangDbContext>();
        new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = "Host=localhost;Database=yiwang_design" }.Apply(builder);
        return new YiwangDbContext(builder.Options, ModuleList.Models, TimeProvider.System);
    }
}
