using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.UseCases;
using Yiwang.People.Intake;
using Yiwang.People.Intake.Files;
using Yiwang.People.Localization;

namespace Yiwang.People.Features;

/// <summary>The form posts of the upload wizard (upload → preview and field mapping → import with a progress bar).
/// Plain HTML forms with anti-forgery tokens; the pages live in Components/.</summary>
internal static class UploadEndpoints
{
    public static void MapUploadEndpoints(this IEndpointRouteBuilder app)
    {
        var limit = app.ServiceProvider.GetRequiredService<IConfiguration>().GetValue<long?>("Yiwang:Limits:MaxUploadBytes") ?? 512L * 1024 * 1024;
        app.MapPost("/intake/upload", UploadAsync).RequireAuthorization(nameof(Permission.IntakeSubmit)).ExcludeFromDescription()
            .WithMetadata(new RequestSizeLimitAttribute(limit));
        app.MapPost("/intake/uploads/{token}/commit", CommitAsync).RequireAuthorization(nameof(Permission.IntakeSubmit)).ExcludeFromDescription();
    }

    internal static async Task<IResult> UploadAsync(
        [FromForm] string? source, IFormFile? file, YiwangDbContext db, CurrentUser user, UploadStore store, IntakeEngine engine, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            return Back("ChooseFile");
        }

        var src = source is null ? null : await SourceCatalog.FindAsync(db, source, ct);
        if (src is null)
        {
            return Back("ChooseSource");
        }

        await using var content = file.OpenReadStream();
        var upload = await store.SaveAsync(content, file.FileName, src.Code, user.Actor, ct);
        try
        {
            await using var saved = File.OpenRead(upload.Path);
            IntakeFileReader.Inspect(saved, upload.FileName);
        }
        catch (IntakeFileException e)
        {
            // Refused whole before anything was written; the refusal itself is on record.
            UploadStore.Delete(upload);
            await engine.RecordRefusalAsync(src, "upload", upload.FileName, user.Actor, Guid.CreateVersion7(), e.Message);
            return BackWith(e.Message);
        }

        return Results.LocalRedirect($"/intake/uploads/{upload.Token}");
    }

    internal static async Task<IResult> CommitAsync(
        string token, HttpRequest request, YiwangDbContext db, CurrentUser user, UploadStore store, ImportRunner runner, CancellationToken ct)
    {
        var upload = await store.FindAsync(token, user.Actor, ct);
        if (upload is null)
        {
            return Back("UploadExpired");
        }

        var src = await SourceCatalog.FindAsync(db, upload.SourceCode, ct);
        if (src is null)
        {
            return Back("SourceInactive");
        }

        var form = await request.ReadFormAsync(ct);
        var choice = new Dictionary<IntakeField, string>();
        foreach (var f in Enum.GetValues<IntakeField>())
        {
            if (form["map_" + f] is { Count: > 0 } v && !string.IsNullOrEmpty(v.ToString()))
            {
                choice[f] = v.ToString();
            }
        }

        FileInspection inspection;
        ColumnMapping mapping;
        try
        {
            await using var saved = File.OpenRead(upload.Path);
            inspection = IntakeFileReader.Inspect(saved, upload.FileName);
            mapping = ColumnMapping.FromNames(inspection.Headers, choice);
        }
        catch (IntakeFileException e)
        {
            return Results.LocalRedirect($"/intake/uploads/{token}?error={Uri.EscapeDataString(e.Message)}");
        }

        var id = runner.Start(upload, src, mapping, user.Actor, user.Scope, inspection.DataRowCount);
        return Results.LocalRedirect($"/intake/batches/{id}");
    }

    private static IResult Back(string key) => BackWith(new Text(typeof(PeopleText), key).Bilingual());

    private static IResult BackWith(string message) => Results.LocalRedirect($"/intake?error={Uri.EscapeDataString(message)}");
}
