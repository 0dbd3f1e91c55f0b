using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yiwang.Kernel;
using Yiwang.Kernel.Access;
using Yiwang.People.Domain;
using Yiwang.People.Intake;
using Yiwang.People.Intake.Files;

namespace Yiwang.People.Features;

/// <summary>Runs uploaded-file imports in the background so the page can show a progress bar, and remembers the
/// progress of running ones. The import itself is one transaction; the batch row appears when it commits.</summary>
internal sealed class ImportRunner(IServiceScopeFactory scopes, ILogger<ImportRunner> log)
{
    private readonly ConcurrentDictionary<Guid, Progress> _running = new();

    internal sealed class Progress
    {
        public long Rows;
        public long? TotalRows;
        public string Source = "";
        public string? Error;
    }

    public Progress? Running(Guid batchId) => _running.GetValueOrDefault(batchId);

    /// <summary>Starts importing a stored upload; returns the batch id to follow.</summary>
    public Guid Start(UploadStore.Upload upload, SourceSystem source, ColumnMapping mapping, string actor, AccessScope actorScope, long? totalRows)
    {
        var batchId = Guid.CreateVersion7();
        var progress = new Progress { TotalRows = totalRows, Source = source.Code };
        _running[batchId] = progress;
        _ = Task.Run(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(actor);
                var engine = scope.ServiceProvider.GetRequiredService<IntakeEngine>();
                await using var file = File.OpenRead(upload.Path);
                var rows = IntakeFileReader.Read(file, upload.FileName, mapping, CancellationToken.None);
                await engine.RunAsync(source, actorScope, "upload", upload.FileName, rows, actor,
                    new InlineProgress(n => Interlocked.Exchange(ref progress.Rows, n)), CancellationToken.None, batchId);
            }
#pragma warning disable CA1031 // a failed background import is reported on its page, not thrown into the void
            catch (Exception e)
#pragma warning restore CA1031
            {
                // Kept (not removed) so the batch page can say what went wrong; nothing was committed.
                log.LogError(e, "Import {Batch} failed", batchId);
                progress.Error = e.Message;
                UploadStore.Delete(upload);
                return;
            }

            UploadStore.Delete(upload);
            _running.TryRemove(batchId, out _);
        });
        return batchId;
    }

}
