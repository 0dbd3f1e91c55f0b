using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.Kernel.Data;
using Yiwang.People.Data;
using Yiwang.People.Features;

using Yiwang.Kernel.Modules;

namespace Yiwang.People;

/// <summary>The People module's whole surface: its model and its endpoints.</summary>
public sealed class PeopleModule : IModule
{
    public string Name => "people";

    public void AddServices(WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<Intake.IntakeEngine>();
        builder.Services.AddScoped<DuplicateReview>();
        builder.Services.AddScoped<Yiwang.Kernel.Contracts.People.IPersonDirectory, PersonDirectory>();
        builder.Services.AddSingleton<ImportRunner>();
        builder.Services.AddSingleton<UploadStore>();
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapPeopleApi();
        app.MapIntakeApi();
        app.MapDuplicatesApi();
        app.MapUploadEndpoints();
    }

    /// <summary>How many persons a scope holds (for dashboards and the home page).</summary>
    public static Task<long> CountInScopeAsync(YiwangDbContext db, Kernel.Access.AccessScope scope, CancellationToken ct) =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.LongCountAsync(db.Set<Domain.Person>().InScope(scope), ct);

    public IModelContributor Model { get; } = new PeopleModel();
}
