using Yiwang.Host;
using Yiwang.Host.Cli;
using Yiwang.Host.Startup;
using Yiwang.Kernel.Modules;
using Yiwang.Modules;

// One binary: with a verb (migrate, seed, generate-population, verify-audit, …) it runs that verb and exits;
// without one it serves the web UI and the API.
var verb = CliVerbs.IsVerb(args);
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = verb ? [] : args,
    // Run from anywhere (`dotnet path/Yiwang.Host.dll import ...`): settings come with the binary.
    ContentRootPath = File.Exists("appsettings.json") ? null : AppContext.BaseDirectory,
});
builder.AddModules(ModuleList.All);
builder.AddYiwangHost();

var app = builder.Build();
if (verb)
{
    return await CliVerbs.RunAsync(app, args);
}

app.UseYiwangHost();
app.MapModules(ModuleList.All);
app.MapYiwangUi();
await app.PrepareDatabaseAsync();
await app.RunAsync();
return 0;
