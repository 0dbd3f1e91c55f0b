using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Yiwang.Kernel.Data;

/// <summary>Inserts many entities untracked (binary COPY on PostgreSQL, a reused prepared INSERT on SQLite), with columns
/// and conversions from the EF model. The caller owns the transaction and writes one audit summary.</summary>
public static class BulkCopy
{
    public static async Task<long> InsertAsync<T>(YiwangDbContext db, IEnumerable<T> rows, CancellationToken ct)
        where T : class
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("BulkCopy needs the caller's transaction (and its audit summary).");
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties()
            // Database-generated numbers (identity columns) are left to the database; GUID keys are ours.
            .Where(p => p.GetColumnName(table) is not null
                && !(p.ValueGenerated == ValueGenerated.OnAdd && (p.ClrType == typeof(long) || p.ClrType == typeof(int))))
            .Select(p => new Column(p, p.GetColumnName(table)!, p.GetRelationalTypeMapping()))
            .ToArray();
        var qualified = entity.GetSchema() is { } schema ? $"\"{schema}\".\"{table.Name}\"" : $"\"{table.Name}\"";
        var columnList = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));

        return db.Provider == DatabaseProvider.Postgres
            ? await CopyAsync(db, qualified, columnList, columns, rows, ct)
            : await InsertEachAsync(db, qualified, columnList, columns, rows, ct);
    }

    private sealed record Column(IProperty Property, string Name, RelationalTypeMapping Mapping)
    {
        private readonly IClrPropertyGetter _getter = Property.GetGetter();

        public object? ProviderValue(object entity)
        {
            var value = _getter.GetClrValueUsingContainingEntity(entity);
            var converter = Mapping.Converter;
            return value is null ? null : converter is null ? value : converter.ConvertToProvider(value);
        }

        // EF's parameter factory converts this value itself.
        public object? ModelValue(object entity) => _getter.GetClrValueUsingContainingEntity(entity);

        public string PgType => Mapping.StoreType.Split('(')[0];
    }

    private static async Task<long> CopyAsync<T>(
        YiwangDbContext db, string table, string columnList, Column[] columns, IEnumerable<T> rows, CancellationToken ct)
        where T : class
    {
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        long n = 0;
        await using var w = await conn.BeginBinaryImportAsync($"COPY {table} ({columnList}) FROM STDIN (FORMAT BINARY)", ct);
        // Synchronous writes into the importer's buffer: an await per value costs more than the value.
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            w.StartRow();
            foreach (var c in columns)
            {
                var v = c.ProviderValue(row);
                if (v is null)
                {
                    w.WriteNull();
                }
                else
                {
                    w.Write(v, c.PgType);
                }
            }

            n++;
        }

        await w.CompleteAsync(ct);
        return n;
    }

    private static async Task<long> InsertEachAsync<T>(
        YiwangDbContext db, string table, string columnList, Column[] columns, IEnumerable<T> rows, CancellationToken ct)
        where T : class
    {
        var conn = db.Database.GetDbConnection();
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        cmd.CommandText = $"INSERT INTO {table} ({columnList}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        long n = 0;
        DbParameter[]? parameters = null;
        foreach (var row in rows)
        {
            if (parameters is null)
            {
                // EF's own mappings make the parameters, so GUIDs, dates and offsets are stored as EF reads them.
                parameters = new DbParameter[columns.Length];
                for (var i = 0; i < columns.Length; i++)
                {
                    parameters[i] = columns[i].Mapping.CreateParameter(cmd, "$p" + i, columns[i].ModelValue(row), nullable: true);
                    cmd.Parameters.Add(parameters[i]);
                }

                cmd.Prepare();
            }
            else
            {
                for (var i = 0; i < columns.Length; i++)
                {
                    parameters[i].Value = columns[i].ProviderValue(row) ?? DBNull.Value;
                }
            }

            // Microsoft.Data.Sqlite runs statements synchronously anyway; the async wrapper per row only adds cost.
            ct.ThrowIfCancellationRequested();
            cmd.ExecuteNonQuery();
            n++;
        }

        return n;
    }
}
