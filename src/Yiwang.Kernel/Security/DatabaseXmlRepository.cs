using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.Kernel.Data;

namespace Yiwang.Kernel.Security;

// The key ring lives in the database so a cookie protected by one host is read by the next. Data Protection
// calls this synchronously, so keys are written with one INSERT, not through the async-only audited save.
internal sealed class DatabaseXmlRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
        return [.. db.Set<DataProtectionKeyRow>().AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).ToList().Select(x => XElement.Parse(x))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
        var table = db.Provider == DatabaseProvider.Postgres ? "kernel.data_protection_keys" : "data_protection_keys";
#pragma warning disable EF1002 // the table name is one of two constants; the values are parameters
        db.Database.ExecuteSqlRaw($"INSERT INTO {table} (friendly_name, xml) VALUES ({{0}}, {{1}})", friendlyName, element.ToString(SaveOptions.DisableFormatting));
#pragma warning restore EF1002
    }
}
