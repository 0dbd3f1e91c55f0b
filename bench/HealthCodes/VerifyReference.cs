using System.Diagnostics;
using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using Yiwang.HealthCodes.Features;

namespace Yiwang.Bench.HealthCodes;

/// <summary>
/// The reference for every verifying endpoint: bare ES256 verification with .NET's ECDsa on every core, over the
/// exact bytes the server verifies (each code's COSE Sig_structure and signature, taken apart beforehand) — no
/// Base45, no zlib, no CBOR, no I/O. Beside it, the whole offline pipeline (<see cref="HealthCodeFormat.Verify"/>).
/// </summary>
internal static class VerifyReference
{
    internal sealed record Signed(byte[] ToBeSigned, byte[] Signature);

    /// <summary>Takes the codes apart into what ES256 verifies.</summary>
    public static List<Signed> Prepare(IEnumerable<string> codes)
    {
        var list = new List<Signed>();
        foreach (var qr in codes)
        {
            var cose = HealthCodeFormat.Inflate(SimpleBase.Base45.Default.Decode(qr.AsSpan(HealthCodeFormat.Prefix.Length)), out _)!;
            var message = CoseMessage.DecodeSign1(cose);
            var w = new CborWriter();
            w.WriteStartArray(4);
            w.WriteTextString("Signature1");
            w.WriteByteString(message.RawProtectedHeaders.Span);
            w.WriteByteString([]);
            w.WriteByteString(message.Content!.Value.Span);
            w.WriteEndArray();
            list.Add(new Signed(w.Encode(), message.Signature.ToArray()));
        }

        return list;
    }

    /// <summary>Verifications per second on all cores for about <paramref name="duration"/>.</summary>
    public static double BareRate(IReadOnlyList<Signed> items, ECParameters publicKey, TimeSpan duration)
    {
        using (var check = ECDsa.Create(publicKey))
        {
            if (!check.VerifyData(items[0].ToBeSigned, items[0].Signature, HashAlgorithmName.SHA256))
            {
                throw new InvalidOperationException("the reference does not verify the server's codes");
            }
        }

        return OnAllCores(duration, (worker, i) =>
        {
            var s = items[(worker * 7919 + i) % items.Count];
            return Key(publicKey).VerifyData(s.ToBeSigned, s.Signature, HashAlgorithmName.SHA256);
        });
    }

    /// <summary>
    /// Both rates, three rounds each, alternating (bare, pipeline, bare, …) so that a change in the machine's load
    /// between them does not favour one; the median round of each.
    /// </summary>
    public static (double Bare, double Pipeline) Alternating(IReadOnlyList<Signed> items, IReadOnlyList<string> codes, TrustedKey key, TimeSpan each)
    {
        var bare = new List<double>();
        var pipeline = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            bare.Add(BareRate(items, key.PublicKey, each));
            pipeline.Add(PipelineRate(codes, key, each));
        }

        return (bare.Order().ElementAt(1), pipeline.Order().ElementAt(1));
    }

    /// <summary>The whole offline pipeline per code (prefix, Base45, zlib, COSE, claims, signature, times).</summary>
    public static double PipelineRate(IReadOnlyList<string> codes, TrustedKey key, TimeSpan duration)
    {
        var now = TimeProvider.System.GetUtcNow();
        return OnAllCores(duration, (worker, i) =>
            HealthCodeFormat.Verify(codes[(worker * 7919 + i) % codes.Count], kid => kid == key.Kid ? key : null, now).Valid);
    }

    [ThreadStatic]
    private static ECDsa? _key;

    // One imported key per thread, as a verifier keeps its trust list imported.
    private static ECDsa Key(ECParameters p) => _key ??= ECDsa.Create(p);

    private static double OnAllCores(TimeSpan duration, Func<int, int, bool> work)
    {
        var threads = Environment.ProcessorCount;
        long total = 0;
        var sw = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, threads).Select(worker => new Thread(() =>
        {
            _key = null;
            long n = 0;
            while (sw.Elapsed < duration)
            {
                for (var k = 0; k < 32; k++)
                {
                    if (!work(worker, (int)(n % int.MaxValue)))
                    {
                        throw new InvalidOperationException("a code did not verify");
                    }

                    n++;
                }
            }

            Interlocked.Add(ref total, n);
        })).ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        return total / sw.Elapsed.TotalSeconds;
    }
}
