using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.Command.Data;
using Yiwang.Command.Features;
using Yiwang.Kernel.Contracts;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jobs;

namespace Yiwang.Command;

/// <summary>The Command module's whole surface: its model, its services and job, and its endpoints.</summary>
public static class CommandModule
{
    public static WebApplicationBuilder AddCommand(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IModelContributor, CommandModel>();
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
        return builder;
    }

    public static IEndpointRouteBuilder MapCommandEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapWorkOrdersApi();
        app.MapDirectivesApi();
        return app;
    }

    /// <summary>Design-time factories and tests build the model without a host.</summary>
    public static IModelContributor ModelContributor { get; } = new CommandModel();
}
