using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.HealthCodes.Data;
using Yiwang.HealthCodes.Features;
using Yiwang.HealthCodes.Features.Venues;
using Yiwang.Kernel.Data;

namespace Yiwang.HealthCodes;

/// <summary>The HealthCodes module's whole surface: its model, services and endpoints.</summary>
public static class HealthCodesModule
{
    public static WebApplicationBuilder AddHealthCodes(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IModelContributor, HealthCodesModel>();
        builder.Services.AddOptions<HealthCodesOptions>().Bind(builder.Configuration.GetSection(HealthCodesOptions.Section));
        builder.Services.AddSingleton<SigningKeyService>();
        builder.Services.AddSingleton<IReferenceDataSeeder, HealthCodesSeeder>();
        builder.AddVenues();
        return builder;
    }

    public static IEndpointRouteBuilder MapHealthCodesEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthCodesApi();
        app.MapVenues();
        return app;
    }

    /// <summary>Design-time factories and tests build the model without a host.</summary>
    public static IModelContributor ModelContributor { get; } = new HealthCodesModel();
}
