using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Yiwang.Kernel.Data;

namespace Yiwang.Kernel.Audit;

public static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    // PostgreSQL advisory lock id that serialises appends across hosts (42 01 16 = Wuhan/Huangpi).
    internal const long AppendLockId = 4_201_160_001;

    /// <summary>Milliseconds are coarser than either database stores, so hashes survive the round trip on both.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    public static string ComputeHash(AuditEntry e)
    {
        var canonical = string.Join('\u001f',
            e.Seq.ToString(CultureInfo.InvariantCulture),
            e.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            e.Actor, e.Action, e.EntityType, e.EntityId ?? "", e.Details ?? "", e.Reason ?? "", e.PrevHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>Streams the whole chain; detects edited, deleted (a gap in Seq) and reordered rows.</summary>
    public static async Task<AuditVerification> VerifyAsync(YiwangDbContext db, IProgress<long>? progress, CancellationToken ct)
    {
        var prev = Genesis;
        long expectedSeq = 1;
        long count = 0;
        await foreach (var e in db.AuditEntries.AsNoTracking().OrderBy(a => a.Seq).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (e.Seq != expectedSeq)
            {
                return new AuditVerification(false, count, expectedSeq, $"entry {expectedSeq} is missing (next is {e.Seq}) / 第 {expectedSeq} 条缺失");
            }

            if (e.PrevHash != prev)
            {
                return new AuditVerification(false, count, e.Seq, $"entry {e.Seq} does not link to the entry before it / 第 {e.Seq} 条与上一条不衔接");
            }

            if (ComputeHash(e) != e.Hash)
            {
                return new AuditVerification(false, count, e.Seq, $"entry {e.Seq} was altered after it was written / 第 {e.Seq} 条写入后被篡改");
            }

            prev = e.Hash;
            expectedSeq++;
            count++;
            if (count % 10_000 == 0)
            {
                progress?.Report(count);
            }
        }

        progress?.Report(count);
        return new AuditVerification(true, count, null, $"{count} entries, chain intact / 共 {count} 条，链完整");
    }
}

public sealed record AuditVerification(bool Intact, long Verified, long? FirstBrokenSeq, string Message);
