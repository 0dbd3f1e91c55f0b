using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.Command.Data;
using Yiwang.Command.Features.Directives;
using Yiwang.Command.Features.WorkOrders;
using Yiwang.Kernel.Contracts.Command;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jobs;
using Yiwang.Kernel.Modules;

namespace Yiwang.Command;

/// <summary>The Command module's whole surface: its model, its services and job, and its endpoints.</summary>
public sealed class CommandModule : IModule
{
    public string Name => "command";

    public void AddServices(WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<IWorkOrderDispatcher, WorkOrderDispatcher>();
        builder.Services.AddSingleton(sp =>
        {
            var c = sp.GetRequiredService<IConfiguration>().GetSection("Yiwang:Command");
            return new CommandOptions(
                c.GetValue("EscalationInterval", CommandOptions.Default.EscalationInterval),
                c.GetValue("EscalationGrace", CommandOptions.Default.EscalationGrace));
        });
        builder.Services.AddSingleton<IScheduledJob, EscalationJob>();
        builder.Services.AddSingleton<IUnitFigureSource, WorkOrderFigures>();
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapWorkOrdersApi();
        app.MapDirectivesApi();
    }

    public IModelContributor Model { get; } = new CommandModel();
}
