using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
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
        // Seeders run in registration order: the sources before the population imported through one of them.
        builder.Services.AddSingleton<IReferenceDataSeeder, SourceSystemsSeeder>();
        builder.Services.AddSingleton<IReferenceDataSeeder, DemoPopulationSeeder>();
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapPeopleApi();
        app.MapIntakeApi();
        app.MapDuplicatesApi();
        app.MapUploadEndpoints();
    }

    public IReadOnlyList<CliVerb> CliVerbs => Cli.PeopleVerbs.All;

    /// <summary>How many persons a scope holds (for dashboards and the home page).</summary>
    public static Task<long> CountInScopeAsync(YiwangDbContext db, Kernel.Access.AccessScope scope, CancellationToken ct) =>
        db.Set<Domain.Person>().InScope(scope).LongCountAsync(ct);

    /// <summary>
    /// Up to <paramref name="take"/> residents with an identity number and a phone, by identity number: those of
    /// <paramref name="communityCode"/>, or of the district when it has none (the demo citizen account binds one).
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> ResidentsWithPhoneAsync(YiwangDbContext db, string communityCode, int take, CancellationToken ct)
    {
        var residents = db.Set<Domain.Person>().AsNoTracking().Where(p => p.MergedIntoId == null && p.IdNumber != null && p.Phone != null);
        var inCommunity = await residents.Where(p => p.CommunityCode == communityCode).OrderBy(p => p.IdNumber).Select(p => p.Id).Take(take).ToListAsync(ct);
        return inCommunity.Count > 0 ? inCommunity : await residents.OrderBy(p => p.IdNumber).Select(p => p.Id).Take(take).ToListAsync(ct);
    }

    public IModelContributor Model { get; } = new PeopleModel();
}
