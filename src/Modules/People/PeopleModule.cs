using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.Kernel.Data;
using Yiwang.People.Data;
using Yiwang.People.Features;

namespace Yiwang.People;

/// <summary>The People module's whole surface: its model and its endpoints.</summary>
public static class PeopleModule
{
    public static WebApplicationBuilder AddPeople(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IModelContributor, PeopleModel>();
        builder.Services.AddScoped<Intake.IntakeEngine>();
        builder.Services.AddScoped<DuplicateReview>();
        builder.Services.AddScoped<Kernel.Contracts.IPersonDirectory, PersonDirectory>();
        builder.Services.AddSingleton<ImportRunner>();
        builder.Services.AddSingleton<UploadStore>();
        return builder;
    }

    public static IEndpointRouteBuilder MapPeopleEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPeopleApi();
        app.MapIntakeApi();
        app.MapDuplicatesApi();
        app.MapUploadEndpoints();
        return app;
    }

    /// <summary>How many persons a scope holds (for dashboards and the home page).</summary>
    public static Task<long> CountInScopeAsync(YiwangDbContext db, Kernel.Access.AccessScope scope, CancellationToken ct) =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.LongCountAsync(db.Set<Domain.Person>().InScope(scope), ct);

    /// <summary>Design-time factories and tests build the model without a host.</summary>
    public static IModelContributor ModelContributor { get; } = new PeopleModel();
}
