using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.Kernel.Data;
using Yiwang.Command.Data;

namespace Yiwang.Command;

/// <summary>The Command module's whole surface: its model and its endpoints.</summary>
public static class CommandModule
{
    public static WebApplicationBuilder AddCommand(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IModelContributor, CommandModel>();
        builder.Services.AddScoped<Kernel.Contracts.IWorkOrderDispatcher, Features.WorkOrderDispatcher>();
        return builder;
    }

    public static IEndpointRouteBuilder MapCommandEndpoints(this IEndpointRouteBuilder app)
    {
        return app;
    }

    /// <summary>Design-time factories and tests build the model without a host.</summary>
    public static IModelContributor ModelContributor { get; } = new CommandModel();
}
