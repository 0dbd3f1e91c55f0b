using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Audit;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Contracts.HealthCodes;
using Yiwang.Kernel.Contracts.Command;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Events;
using Yiwang.Kernel.Identity;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.Time;
using Yiwang.People.Domain;
using Yiwang.People.Generation;
using Yiwang.People.Intake.Files;
using Yiwang.People.Intake.Validation;

namespace Yiwang.People.Intake;

/// <summary>
/// The one intake path for the JSON API, uploaded files and the CLI: validate every row (a bad row never
/// blocks the good ones), then resolve and store the good ones in chunks — idempotent per (source, record id),
/// changed records versioned, persons linked by identity number, records without one matched on name, birth
/// date and phone into the possible-duplicates queue, flags set and published as events.
/// The whole run is one transaction: a file found malformed half-way leaves nothing behind.
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
    /// <param name="actorScope">The sender's scope: rows outside it (or outside the source's) are rejected.</param>
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
                // Rows this transaction inserts are invisible to the planner's statistics, which then
                // believe the tables are small and scan them whole for every chunk's lookups: quadratic.
                await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off", ct);
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
                // After a first load, as after pg_restore: fresh statistics, and hint bits and the visibility
                // map set now rather than by the first queries that read a million new rows.
                _writes.Start();
                var tables = string.Join(", ", new[] { typeof(Person), typeof(SourceRecord), typeof(Household) }.Select(QualifiedTable));
#pragma warning disable EF1003 // table names from our own model
                await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE) " + tables, ct);
#pragma warning restore EF1003
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
        var lookalikes = await LookalikesAsync(withoutId, ct);

        var (households, newHouseholds) = await HouseholdsAsync(source, pending, communities, ct);
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
                    person = NewPerson(r, household, communities, now);
                    byId[id] = person;
                    newPersons.Add(person);
                }
                else if (!SameName(holder.Name, r.Name))
                {
                    // The number says one person, the name another: a human decides.
                    status = SourceRecordStatus.IdConflict;
                    review = true;
                    candidates.Add(Candidate(DuplicateKind.IdConflict, recordId, null, holder.Id, holder.CommunityCode, holder.StreetCode, "idNumber; name differs", now));
                }
                else
                {
                    person = holder;
                    if (db.Entry(holder).State != EntityState.Detached && UpdateFrom(holder, r, household, communities, authoritative, now))
                    {
                        db.Entry(holder).State = EntityState.Modified;
                    }
                }
            }
            else
            {
                person = NewPerson(r, household, communities, now);
                newPersons.Add(person);
                foreach (var (candidate, reason) in Match(r, lookalikes))
                {
                    review = true;
                    candidates.Add(Candidate(DuplicateKind.PossibleDuplicate, recordId, person.Id, candidate.Id, candidate.CommunityCode, candidate.StreetCode, reason, now));
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
        await ApplyFlagsAsync(source, flagged, now, ct);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(new AuditRecord("import-chunk", nameof(SourceRecord), batch.Id.ToString(),
            $"{newPersons.Count} persons created, {newRecords.Count} records created, {versions.Count} records updated, {candidates.Count} to review"), ct);
        db.ChangeTracker.Clear();
        db.Attach(batch).State = EntityState.Modified;
        _writes.Stop();
    }

    /// <summary>Households of household-registration records, by the source's household key; new ones created.</summary>
    private async Task<(Dictionary<string, Household> All, List<Household> New)> HouseholdsAsync(
        SourceSystem source, List<Pending> pending, Dictionary<string, string> communities, CancellationToken ct)
    {
        var all = new Dictionary<string, Household>(StringComparer.Ordinal);
        var created = new List<Household>();
        if (source.RecordType is not (RecordType.HouseholdRegistration or RecordType.ManualEntry))
        {
            return (all, created);
        }

        var keys = pending.Select(p => p.Record.HouseholdKey).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (keys.Count == 0)
        {
            return (all, created);
        }

        foreach (var h in await db.Set<Household>().AsNoTracking()
            .Where(h => h.SourceSystemId == source.Id && keys.Contains(h.ExternalKey!)).ToListAsync(ct))
        {
            all[h.ExternalKey!] = h;
        }

        var now = clock.GetUtcNow();
        // The head's address and community describe the household, when the head is in the same chunk.
        foreach (var r in pending.Select(p => p.Record).OrderBy(r => r.Relation == HouseholdRelation.Head ? 0 : 1))
        {
            if (r.HouseholdKey is null || all.ContainsKey(r.HouseholdKey))
            {
                continue;
            }

            var community = r.CommunityCode ?? "";
            var h = new Household
            {
                Id = Guid.CreateVersion7(now),
                SourceSystemId = source.Id,
                ExternalKey = r.HouseholdKey,
                CommunityCode = community,
                StreetCode = communities.GetValueOrDefault(community) ?? "",
                Address = r.Address ?? "",
            };
            all[r.HouseholdKey] = h;
            created.Add(h);
        }

        return (all, created);
    }

    private sealed record Lookalike(Guid Id, string Name, DateOnly? BirthDate, string? Phone, string CommunityCode, string StreetCode);

    private async Task<List<Lookalike>> LookalikesAsync(List<IntakeRecord> records, CancellationToken ct)
    {
        if (records.Count == 0)
        {
            return [];
        }

        var names = records.Select(r => r.Name).Distinct().ToList();
        var phones = records.Select(r => r.Phone).OfType<string>().Distinct().ToList();
        return await db.Set<Person>().AsNoTracking()
            .Where(p => p.MergedIntoId == null && (names.Contains(p.Name) || (p.Phone != null && phones.Contains(p.Phone))))
            .Select(p => new Lookalike(p.Id, p.Name, p.BirthDate, p.Phone, p.CommunityCode, p.StreetCode))
            .Take(50_000)
            .ToListAsync(ct);
    }

    /// <summary>
    /// Who a record without identity number may be. Two of name, birth date and phone must agree, or birth
    /// date and phone with a name one character off (a typo). Twins share a birth date and often a phone but
    /// not a name: they come to a human, never merged automatically.
    /// </summary>
    private static IEnumerable<(Lookalike Person, string Reason)> Match(IntakeRecord r, List<Lookalike> lookalikes)
    {
        foreach (var p in lookalikes)
        {
            var name = SameName(p.Name, r.Name);
            var birth = r.BirthDate is not null && p.BirthDate == r.BirthDate;
            var phone = r.Phone is not null && p.Phone == r.Phone;
            var reason = (name, birth, phone) switch
            {
                (true, true, true) => "name+birthDate+phone",
                (true, true, false) => "name+birthDate",
                (true, false, true) => "name+phone",
                (false, true, true) when OneEditApart(p.Name, r.Name) => "birthDate+phone, name differs by one character",
                _ => null,
            };
            if (reason is not null)
            {
                yield return (p, reason);
            }
        }
    }

    private static DuplicateCandidate Candidate(
        DuplicateKind kind, Guid recordId, Guid? personId, Guid candidateId, string community, string street, string reason, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Kind = kind,
        SourceRecordId = recordId,
        PersonId = personId,
        CandidatePersonId = candidateId,
        Reason = reason,
        Status = DuplicateStatus.Open,
        CommunityCode = community,
        StreetCode = street,
        CreatedAt = now,
    };

    private static Person NewPerson(IntakeRecord r, Household? household, Dictionary<string, string> communities, DateTimeOffset now)
    {
        var (sex, birth) = Derived(r);
        var community = r.CommunityCode ?? "";
        return new Person
        {
            Id = Guid.CreateVersion7(now),
            HouseholdId = household?.Id,
            IdNumber = r.IdNumber,
            IdSuffix = r.IdNumber?[^4..],
            Name = r.Name,
            Sex = sex,
            BirthDate = birth,
            Phone = r.Phone,
            Address = r.Address ?? "",
            CommunityCode = community,
            StreetCode = communities.GetValueOrDefault(community) ?? "",
            Relation = r.Relation ?? HouseholdRelation.Other,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>
    /// Household registration and manual entry are authoritative for where and how to reach a person; other
    /// sources only fill what is missing. Returns whether anything changed.
    /// </summary>
    private static bool UpdateFrom(Person p, IntakeRecord r, Household? household, Dictionary<string, string> communities, bool authoritative, DateTimeOffset now)
    {
        var changed = false;
        void Set<T>(T current, T value, Action<T> assign)
        {
            if (!EqualityComparer<T>.Default.Equals(current, value))
            {
                assign(value);
                changed = true;
            }
        }

        var (sex, birth) = Derived(r);
        if (sex is not null && p.Sex is null)
        {
            Set(p.Sex, sex, v => p.Sex = v);
        }

        if (birth is not null && p.BirthDate is null)
        {
            Set(p.BirthDate, birth, v => p.BirthDate = v);
        }

        if (r.Phone is not null && (authoritative || p.Phone is null))
        {
            Set(p.Phone, r.Phone, v => p.Phone = v);
        }

        if (r.Address is not null && (authoritative || p.Address.Length == 0))
        {
            Set(p.Address, r.Address, v => p.Address = v);
        }

        if (r.CommunityCode is not null && (authoritative || p.CommunityCode.Length == 0))
        {
            Set(p.CommunityCode, r.CommunityCode, v => p.CommunityCode = v);
            Set(p.StreetCode, communities.GetValueOrDefault(r.CommunityCode) ?? "", v => p.StreetCode = v);
        }

        if (authoritative && household is not null)
        {
            Set(p.HouseholdId, (Guid?)household.Id, v => p.HouseholdId = v);
        }

        if (authoritative && r.Relation is { } relation)
        {
            Set(p.Relation, relation, v => p.Relation = v);
        }

        if (changed)
        {
            p.UpdatedAt = now;
        }

        return changed;
    }

    private async Task ApplyFlagsAsync(SourceSystem source, List<(SourceRecord Record, Person Person, IntakeRecord Intake)> flagged, DateTimeOffset now, CancellationToken ct)
    {
        if (flagged.Count == 0)
        {
            return;
        }

        var recordIds = flagged.Select(f => f.Record.Id).ToList();
        var existing = await db.Set<PersonFlag>().Where(f => recordIds.Contains(f.SourceRecordId)).ToListAsync(ct);
        var byRecord = existing.ToLookup(f => f.SourceRecordId);
        var events = new List<OutboxMessage>();
        var inserts = new List<PersonFlag>();
        foreach (var (record, person, r) in flagged)
        {
            var kind = r.Flag!.Value;
            foreach (var other in byRecord[record.Id].Where(f => f.Kind != kind && f.Active))
            {
                // The record changed its mind (suspected → confirmed): the old flag ends.
                other.Active = false;
                other.UpdatedAt = now;
                events.Add(Event(other, person, source, now));
            }

            var flag = byRecord[record.Id].FirstOrDefault(f => f.Kind == kind);
            if (flag is null)
            {
                flag = new PersonFlag { Id = Guid.CreateVersion7(now), PersonId = person.Id, Kind = kind, SourceRecordId = record.Id, Active = r.FlagActive, Since = r.EventDate, UpdatedAt = now };
                inserts.Add(flag);
                events.Add(Event(flag, person, source, now));
            }
            else if (flag.Active != r.FlagActive || flag.Since != r.EventDate || flag.PersonId != person.Id)
            {
                var activeChanged = flag.Active != r.FlagActive;
                flag.Active = r.FlagActive;
                flag.Since = r.EventDate;
                flag.PersonId = person.Id;
                flag.UpdatedAt = now;
                if (activeChanged)
                {
                    events.Add(Event(flag, person, source, now));
                }
            }
        }

        await BulkCopy.InsertAsync(db, inserts, ct);
        await BulkCopy.InsertAsync(db, events, ct);
    }

    private static OutboxMessage Event(PersonFlag f, Person p, SourceSystem source, DateTimeOffset now) =>
        Outbox.Message(PersonFlagChanged.Topic,
            new PersonFlagChanged(p.Id, f.Kind.ToString(), f.Active, f.SourceRecordId, source.Code, p.CommunityCode.Length > 0 ? p.CommunityCode : null, f.Since, now),
            now);

    private static (Sex? Sex, DateOnly? Birth) Derived(IntakeRecord r)
    {
        if (r.IdNumber is { } id && ResidentIdentityNumber.Validate(id, DateOnly.MaxValue) is { IsValid: true } check)
        {
            return (r.Sex ?? check.Sex, r.BirthDate ?? check.BirthDate);
        }

        return (r.Sex, r.BirthDate);
    }

    internal static bool SameName(string a, string b) =>
        string.Equals(a.Replace(" ", "", StringComparison.Ordinal), b.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);

    internal static bool OneEditApart(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1 || a == b)
        {
            return false;
        }

        int i = 0, j = 0, edits = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                i++;
                j++;
                continue;
            }

            if (++edits > 1)
            {
                return false;
            }

            if (a.Length > b.Length)
            {
                i++;
            }
            else if (a.Length < b.Length)
            {
                j++;
            }
            else
            {
                i++;
                j++;
            }
        }

        return edits + (a.Length - i) + (b.Length - j) <= 1;
    }

    private string QualifiedTable(Type entity)
    {
        var e = db.Model.FindEntityType(entity)!;
        return e.GetSchema() is { } schema ? $"\"{schema}\".\"{e.GetTableName()}\"" : $"\"{e.GetTableName()}\"";
    }

    private static string Clip(string s, int max) => s.Length > max ? s[..max] : s;
}
