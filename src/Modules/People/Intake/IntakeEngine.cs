using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Audit;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Events;
using Yiwang.Kernel.Identity;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.Time;
using Yiwang.People.Domain;
using Yiwang.People.Generation;
using Yiwang.People.Intake.Files;
using Yiwang.People.Intake.Validation;
using Yiwang.People.Postgres;

namespace Yiwang.People.Intake;

/// <summary>
/// The one intake path for the JSON API, uploaded files and the CLI: validate every row (a bad row never blocks the
/// good ones), then resolve and store the good ones in chunks, idempotent per (source, record id). Matching lives in
/// <see cref="IdentityMatching"/>, flags in <see cref="FlagPublisher"/>. The whole run is one transaction: a file
/// found malformed half-way leaves nothing behind.
/// </summary>
internal sealed class IntakeEngine(YiwangDbContext db, JurisdictionDirectory directory, TimeProvider clock, Microsoft.Extensions.Logging.ILogger<IntakeEngine> log)
{
    // Where an import's time goes, logged at the end (reading and validating is the remainder).
    private readonly System.Diagnostics.Stopwatch _lookups = new();
    private readonly System.Diagnostics.Stopwatch _writes = new();
    private readonly System.Diagnostics.Stopwatch _resolve = new();
    private readonly System.Diagnostics.Stopwatch _waiting = new();
    private long _prepareMs;
    private bool _firstLoad;

    public const int ChunkSize = 5000;

    /// <summary>Runs one import. Rows are read lazily, so a file streams through.</summary>
    public async Task<ImportBatch> RunAsync(
        SourceSystem source, AccessScope actorScope, string channel, string? fileName, IEnumerable<RawRow> rows, string actor,
        IProgress<long>? progress, CancellationToken ct, Guid? batchId = null)
    {
        var now = clock.GetUtcNow();
        var batch = new ImportBatch
        {
            Id = batchId ?? Guid.CreateVersion7(now),
            SourceSystemId = source.Id,
            Channel = channel,
            FileName = fileName,
            Status = ImportStatus.Running,
            StartedAt = now,
            By = actor,
        };

        var communities = (await directory.CommunitiesInAsync(AccessScope.District, ct)).ToDictionary(c => c.Code, c => c.ParentCode!);
        var scope = AccessScope.ForCode(source.JurisdictionCode);
        var validator = new RecordValidator(
            source.RecordType, DistrictTime.Today(clock), communities.ContainsKey, code => scope.Contains(code) && actorScope.Contains(code));

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            if (db.Provider == DatabaseProvider.Postgres)
            {
                await IntakeTuning.PreferIndexesAsync(db, ct);
            }

            // A first load of household registration into an empty registry has nothing to look up (the file
            // itself cannot repeat a record id or identity number: the validator rejects that), so lookups are
            // skipped and the secondary indexes are built once at the end instead of row by row.
            _firstLoad = source.RecordType is RecordType.HouseholdRegistration or RecordType.ManualEntry
                && !await db.Set<Person>().AnyAsync(ct) && !await db.Set<SourceRecord>().AnyAsync(ct);
            var deferral = _firstLoad ? await IndexDeferral.BeginAsync(
                db, [typeof(Household), typeof(Person), typeof(SourceRecord)], ct, keepUniqueOf: [typeof(Household)]) : null;

            db.Add(batch);

            var prepared = Prepare(rows, validator, ct);
            if (db.Provider == DatabaseProvider.Postgres)
            {
                await PipelineAsync(source, batch, prepared, communities, progress, ct);
            }
            else
            {
                // SQLite does its writing in this process, on this thread: a second busy thread only competed with it
                // (docs/PERFORMANCE.md), so the two stages take turns.
                foreach (var chunk in prepared)
                {
                    await StoreAsync(source, batch, chunk, communities, progress, ct);
                }
            }

            if (deferral is not null)
            {
                _writes.Start();
                await deferral.RestoreAsync(ct);
                _writes.Stop();
            }

            batch.Status = ImportStatus.Completed;
            batch.FinishedAt = clock.GetUtcNow();
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(new AuditRecord("import", nameof(ImportBatch), batch.Id.ToString(),
                $"{source.Code}: {batch.Rows} rows, {batch.Created} created, {batch.Updated} updated, {batch.Unchanged} unchanged, " +
                $"{batch.Rejected} rejected, {batch.NeedsReview} to review"), ct);
            await tx.CommitAsync(ct);
            if (deferral is not null && db.Provider == DatabaseProvider.Postgres)
            {
                _writes.Start();
                await IntakeTuning.VacuumAnalyzeAsync(db, [typeof(Person), typeof(SourceRecord), typeof(Household)], ct);
                _writes.Stop();
            }

            progress?.Report(batch.Rows);
            Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(log,
                "Import {Batch} of {Rows} rows in {Total} ms: lookups {Lookups} ms, resolve {Resolve} ms, writes {Writes} ms, waiting for the reader {Waiting} ms; reading, validating and hashing {Prepare} ms (on a second thread on PostgreSQL)",
                batch.Id, batch.Rows, (long)(batch.FinishedAt!.Value - batch.StartedAt).TotalMilliseconds,
                _lookups.ElapsedMilliseconds, _resolve.ElapsedMilliseconds, _writes.ElapsedMilliseconds, _waiting.ElapsedMilliseconds, _prepareMs);
            return batch;
        }
        catch (IntakeFileException e)
        {
            await tx.RollbackAsync(CancellationToken.None);
            return await RecordRefusalAsync(source, channel, fileName, actor, batch.Id, e.Message);
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }
    }

    /// <summary>
    /// Two stages on two threads, one chunk apart: reading, validating and hashing (pure CPU, no database) run ahead
    /// while this thread resolves and writes the previous chunk, on PostgreSQL mostly waiting for the server. The
    /// channel holds two chunks, so memory stays flat whatever the file's size; the database is touched by this thread only.
    /// </summary>
    private async Task PipelineAsync(
        SourceSystem source, ImportBatch batch, IEnumerable<PreparedChunk> prepared, Dictionary<string, string> communities, IProgress<long>? progress, CancellationToken ct)
    {
        var chunks = Channel.CreateBounded<PreparedChunk>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(() => PumpAsync(prepared, chunks.Writer, stop.Token), stop.Token);
        try
        {
            while (true)
            {
                _waiting.Start();
                var more = await chunks.Reader.WaitToReadAsync(ct);
                _waiting.Stop();
                if (!more)
                {
                    break;
                }

                while (chunks.Reader.TryRead(out var chunk))
                {
                    await StoreAsync(source, batch, chunk, communities, progress, ct);
                }
            }

            // A file found malformed half-way surfaces here (IntakeFileException), after the chunks before it.
            await producer;
        }
        finally
        {
            if (!producer.IsCompleted)
            {
                // This side failed: stop the reader and wait for it, so nothing reads the file after we return.
                await stop.CancelAsync();
                await producer.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    /// <summary>The second stage for one chunk: resolve and write it, with its rejections, and report progress.</summary>
    private async Task StoreAsync(
        SourceSystem source, ImportBatch batch, PreparedChunk chunk, Dictionary<string, string> communities, IProgress<long>? progress, CancellationToken ct)
    {
        batch.Rows = chunk.RowsRead;
        batch.Rejected = chunk.RejectedRows;
        await ProcessChunkAsync(source, batch, chunk, communities, ct);
        await WriteRejectionsAsync(batch, chunk.Rejections, ct);
        progress?.Report(batch.Rows);
    }

    /// <summary>A refused file is still on record (who, when, why), with nothing else written.</summary>
    public async Task<ImportBatch> RecordRefusalAsync(SourceSystem source, string channel, string? fileName, string actor, Guid id, string error)
    {
        db.ChangeTracker.Clear();
        var now = clock.GetUtcNow();
        var refused = new ImportBatch
        {
            Id = id,
            SourceSystemId = source.Id,
            Channel = channel,
            FileName = fileName,
            Status = ImportStatus.Refused,
            StartedAt = now,
            FinishedAt = now,
            By = actor,
            Error = error.Length > 1000 ? error[..1000] : error,
        };
        db.Add(refused);
        await db.SaveChangesAsync(CancellationToken.None);
        return refused;
    }

    private async Task WriteRejectionsAsync(ImportBatch batch, List<Rejection> rejections, CancellationToken ct)
    {
        if (rejections.Count == 0)
        {
            return;
        }

        await BulkCopy.InsertAsync(db, rejections.Select(r => new ImportRejection
        {
            BatchId = batch.Id,
            RowNumber = r.RowNumber,
            Field = r.Field,
            Code = r.Code,
            Zh = Clip(r.Zh, 300),
            En = Clip(r.En, 300),
        }), ct);
        rejections.Clear();
    }

    private sealed record Pending(IntakeRecord Record, string Payload, string Hash, SourceRecord? Existing);

    /// <summary>Valid records of one chunk with their payloads and hashes, the rejections since the last one, and the counts so far.</summary>
    private sealed record PreparedChunk(List<IntakeRecord> Records, List<string> Payloads, List<string> Hashes, List<Rejection> Rejections, long RowsRead, long RejectedRows);

    /// <summary>The first stage: read, validate, serialise and hash, a chunk at a time; no database.</summary>
    private IEnumerable<PreparedChunk> Prepare(IEnumerable<RawRow> rows, RecordValidator validator, CancellationToken ct)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        long read = 0, rejected = 0;
        using var payload = new PayloadWriter();
        var chunk = new PreparedChunk(new(ChunkSize), new(ChunkSize), new(ChunkSize), [], 0, 0);
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            read++;
            var before = chunk.Rejections.Count;
            if (validator.TryValidate(row, chunk.Rejections, out var record))
            {
                var (text, hash) = payload.Write(record);
                chunk.Records.Add(record);
                chunk.Payloads.Add(text);
                chunk.Hashes.Add(hash);
            }
            else if (chunk.Rejections.Count > before)
            {
                rejected++;
            }

            if (chunk.Records.Count >= ChunkSize || chunk.Rejections.Count >= ChunkSize)
            {
                sw.Stop();
                _prepareMs = sw.ElapsedMilliseconds;
                yield return chunk with { RowsRead = read, RejectedRows = rejected };
                sw.Start();
                chunk = new PreparedChunk(new(ChunkSize), new(ChunkSize), new(ChunkSize), [], 0, 0);
            }
        }

        _prepareMs = sw.ElapsedMilliseconds;
        yield return chunk with { RowsRead = read, RejectedRows = rejected };
    }

    /// <summary>Runs the first stage on its own thread into the channel.</summary>
    private static async Task PumpAsync(IEnumerable<PreparedChunk> chunks, ChannelWriter<PreparedChunk> output, CancellationToken ct)
    {
        try
        {
            foreach (var chunk in chunks)
            {
                await output.WriteAsync(chunk, ct);
            }
        }
        finally
        {
            // Without an exception: the exception (a malformed file) is rethrown where the writer awaits this task.
            output.TryComplete();
        }
    }

    private async Task ProcessChunkAsync(
        SourceSystem source, ImportBatch batch, PreparedChunk prepared, Dictionary<string, string> communities, CancellationToken ct)
    {
        var records = prepared.Records;
        if (records.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        _lookups.Start();
        var externalIds = records.Select(r => r.SourceRecordId).ToList();
        // Only the hashes first: most records of a re-sent file are unchanged and need nothing more.
        var hashes = _firstLoad
            ? []
            : await db.Set<SourceRecord>().AsNoTracking()
                .Where(s => s.SourceSystemId == source.Id && externalIds.Contains(s.ExternalId))
                .Select(s => new { s.ExternalId, s.ContentHash })
                .ToDictionaryAsync(s => s.ExternalId, s => s.ContentHash, StringComparer.Ordinal, ct);

        _lookups.Stop();
        _resolve.Start();
        var changed = new List<(IntakeRecord Record, string Payload, string Hash, bool Exists)>(records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            var hash = prepared.Hashes[i];
            var exists = hashes.TryGetValue(r.SourceRecordId, out var oldHash);
            if (exists && oldHash == hash)
            {
                batch.Unchanged++;
                continue;
            }

            changed.Add((r, prepared.Payloads[i], hash, exists));
        }

        _resolve.Stop();
        var changedIds = changed.Where(c => c.Exists).Select(c => c.Record.SourceRecordId).ToList();
        var olds = changedIds.Count == 0
            ? []
            : await db.Set<SourceRecord>().AsNoTracking()
                .Where(s => s.SourceSystemId == source.Id && changedIds.Contains(s.ExternalId))
                .ToDictionaryAsync(s => s.ExternalId, StringComparer.Ordinal, ct);
        var pending = changed.Select(c => new Pending(c.Record, c.Payload, c.Hash, olds.GetValueOrDefault(c.Record.SourceRecordId))).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        _lookups.Start();

        // Everyone these records may be: by identity number, and (for records without one) by name or phone.
        var idNumbers = pending.Select(p => p.Record.IdNumber).OfType<string>().Distinct().ToList();
        var byId = _firstLoad
            ? new Dictionary<string, Person>(StringComparer.Ordinal)
            : await db.Set<Person>().Where(p => idNumbers.Contains(p.IdNumber!))
                .ToDictionaryAsync(p => p.IdNumber!, StringComparer.Ordinal, ct);
        var withoutId = pending.Where(p => p.Record.IdNumber is null).Select(p => p.Record).ToList();
        var lookalikes = await IdentityMatching.LookalikesAsync(db, withoutId, ct);

        var (households, newHouseholds) = await Households.ResolveAsync(db, source, pending.Select(p => p.Record).ToList(), communities, clock.GetUtcNow(), ct);
        _lookups.Stop();
        _resolve.Start();
        var newPersons = new List<Person>();
        var newRecords = new List<SourceRecord>();
        var versions = new List<SourceRecordVersion>();
        var candidates = new List<DuplicateCandidate>();
        var flagged = new List<(SourceRecord Record, Person Person, IntakeRecord Intake)>();
        var authoritative = source.RecordType is RecordType.HouseholdRegistration or RecordType.ManualEntry;

        foreach (var (r, payload, hash, old) in pending)
        {
            var recordId = old?.Id ?? Guid.CreateVersion7(now);
            var review = false;
            Person? person = null;
            var status = SourceRecordStatus.Linked;
            var household = r.HouseholdKey is null ? null : households.GetValueOrDefault(r.HouseholdKey);
            if (r.IdNumber is { } id)
            {
                if (!byId.TryGetValue(id, out var holder))
                {
                    person = PersonFromRecord.NewPerson(r, household, communities, now);
                    byId[id] = person;
                    newPersons.Add(person);
                }
                else if (!IdentityMatching.SameName(holder.Name, r.Name))
                {
                    // The number says one person, the name another: a human decides.
                    status = SourceRecordStatus.IdConflict;
                    review = true;
                    candidates.Add(IdentityMatching.Candidate(DuplicateKind.IdConflict, recordId, null, holder.Id, holder.CommunityCode, holder.StreetCode, "idNumber; name differs", now));
                }
                else
                {
                    person = holder;
                    if (db.Entry(holder).State != EntityState.Detached && PersonFromRecord.UpdateFrom(holder, r, household, communities, authoritative, now))
                    {
                        db.Entry(holder).State = EntityState.Modified;
                    }
                }
            }
            else
            {
                person = PersonFromRecord.NewPerson(r, household, communities, now);
                newPersons.Add(person);
                foreach (var (candidate, reason) in IdentityMatching.Match(r, lookalikes))
                {
                    review = true;
                    candidates.Add(IdentityMatching.Candidate(DuplicateKind.PossibleDuplicate, recordId, person.Id, candidate.Id, candidate.CommunityCode, candidate.StreetCode, reason, now));
                }
            }

            SourceRecord record;
            if (old is null)
            {
                record = new SourceRecord { Id = recordId, SourceSystemId = source.Id, ExternalId = r.SourceRecordId, RecordType = source.RecordType, ReceivedAt = now };
                newRecords.Add(record);
                batch.Created++;
            }
            else
            {
                versions.Add(new SourceRecordVersion
                {
                    SourceRecordId = old.Id,
                    Version = old.Version,
                    ContentHash = old.ContentHash,
                    Payload = old.Payload,
                    ReceivedAt = old.UpdatedAt,
                    ReplacedAt = now,
                });
                record = old;
                record.Version++;
                db.Attach(record).State = EntityState.Modified;
                batch.Updated++;
            }

            record.PersonId = person?.Id;
            record.Status = status;
            record.ContentHash = hash;
            record.Payload = payload;
            record.LastBatchId = batch.Id;
            record.UpdatedAt = now;
            if (review)
            {
                batch.NeedsReview++;
            }

            if (person is not null && r.Flag is not null)
            {
                flagged.Add((record, person, r));
            }
        }

        _resolve.Stop();
        _writes.Start();

        // New rows go in bulk, changed rows through EF: households before persons, persons before records.
        await BulkCopy.InsertAsync(db, newHouseholds, ct);
        await BulkCopy.InsertAsync(db, newPersons, ct);
        await BulkCopy.InsertAsync(db, newRecords, ct);
        await BulkCopy.InsertAsync(db, versions, ct);
        await BulkCopy.InsertAsync(db, candidates, ct);
        await FlagPublisher.ApplyAsync(db, source, flagged, now, ct);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(new AuditRecord("import-chunk", nameof(SourceRecord), batch.Id.ToString(),
            $"{newPersons.Count} persons created, {newRecords.Count} records created, {versions.Count} records updated, {candidates.Count} to review"), ct);
        db.ChangeTracker.Clear();
        db.Attach(batch).State = EntityState.Modified;
        _writes.Stop();
    }

    private static string Clip(string s, int max) => s.Length > max ? s[..max] : s;
}
