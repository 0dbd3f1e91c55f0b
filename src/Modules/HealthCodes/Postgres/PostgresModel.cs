using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiwang.HealthCodes.Domain;

namespace Yiwang.HealthCodes.Postgres;

/// <summary>The scans table's PostgreSQL-only index methods (Npgsql's model API), called by HealthCodesModel on that provider.</summary>
internal static class PostgresModel
{
    /// <summary>
    /// The tracer looks a person's scans up by token (a few a day) and filters the time: a hash index takes a new random
    /// token at about half a b-tree's cost per row and is a third smaller (ADR 0014).
    /// </summary>
    public static void SubjectIndex(EntityTypeBuilder<Scan> scans) => scans.HasIndex(s => s.Subject).HasMethod("hash");

    /// <summary>
    /// Only retention reads scans by time alone, and scans arrive in about the order of their time: a BRIN index (a
    /// summary per 128 pages) finds the old ones at a fraction of a b-tree's cost per inserted row. ADR 0013.
    /// </summary>
    public static void TimeIndex(IndexBuilder<Scan> byTime) => byTime.HasMethod("brin");
}
