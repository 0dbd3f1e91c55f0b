using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using Yiwang.HealthCodes.Domain;
using Yiwang.HealthCodes.Features;

namespace Yiwang.Bench.HealthCodes;

/// <summary>
/// Where one verification's time goes, stage by stage, on one thread (<c>--verify-stages</c>; needs no database):
/// 20,000 codes signed with a fresh key, then each stage of <see cref="HealthCodeFormat.VerifySigned"/> timed over all
/// of them, median of five rounds (the stages alternate within a round, so a slow moment of the machine hits all), beside the bare ES256 verify of the same Sig_structures.
/// </summary>
internal static class VerifyStages
{
    public static int Run()
    {
        const int n = 20_000;
        using var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var kid = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 };
        var trusted = new TrustedKey(HealthCodeFormat.KidText(kid), signer.ExportParameters(false));
        var now = TimeProvider.System.GetUtcNow();
        var random = new Random(1);
        var codes = Enumerable.Range(0, n).Select(_ =>
        {
            var token = new byte[32];
            random.NextBytes(token);
            return HealthCodeFormat.Encode(new HealthCodeClaims("yiwang-huangpi", now, now.AddMinutes(5), CodeColour.Green, HealthCodeFormat.Base64Url(token)), signer, kid);
        }).ToArray();
        var compressed = codes.Select(c => SimpleBase.Base45.Default.Decode(c.AsSpan(HealthCodeFormat.Prefix.Length))).ToArray();
        var cose = compressed.Select(c => HealthCodeFormat.Inflate(c, out _)!).ToArray();
        var messages = cose.Select(c => CoseMessage.DecodeSign1(c)).ToArray();
        var prepared = VerifyReference.Prepare(codes);
        using var verifier = ECDsa.Create(trusted.PublicKey);

        var stages = new (string Name, Action<int> Work)[]
        {
            ("Base45 decode", i => SimpleBase.Base45.Default.Decode(codes[i].AsSpan(HealthCodeFormat.Prefix.Length))),
            ("zlib inflate (capped)", i => HealthCodeFormat.Inflate(compressed[i], out _)),
            ("COSE_Sign1 decode", i => CoseMessage.DecodeSign1(cose[i])),
            ("protected headers (alg, kid)", i => messages[i].ProtectedHeaders.TryGetValue(CoseHeaderLabel.KeyIdentifier, out _)),
            ("COSE VerifyEmbedded (Sig_structure, SHA-256, ECDSA)", i => messages[i].VerifyEmbedded(verifier)),
            ("TrustedKey.VerifySignature (the server's check: VerifyEmbedded with a pooled key)", i => trusted.VerifySignature(messages[i])),
            ("bare ECDsa.VerifyData over the Sig_structure (the reference)", i => verifier.VerifyData(prepared[i].ToBeSigned, prepared[i].Signature, HashAlgorithmName.SHA256)),
            ("claims decode (CBOR)", i => HealthCodeFormat.DecodeClaims(messages[i].Content!.Value)),
            ("whole VerifySigned", i => HealthCodeFormat.VerifySigned(codes[i], k => trusted)),
        };
        Console.WriteLine($"| Stage (one thread, {n:N0} codes, median of 5 rounds; the stages alternate within each round) | µs per code |");
        Console.WriteLine("|---|--:|");
        var rounds = stages.Select(_ => new List<double>()).ToArray();
        for (var r = 0; r < 6; r++)
        {
            for (var k = 0; k < stages.Length; k++)
            {
                var sw = Stopwatch.StartNew();
                for (var i = 0; i < n; i++)
                {
                    stages[k].Work(i);
                }

                if (r > 0)
                {
                    rounds[k].Add(sw.Elapsed.TotalMicroseconds / n);
                }
            }
        }

        for (var k = 0; k < stages.Length; k++)
        {
            Console.WriteLine($"| {stages[k].Name} | {rounds[k].Order().ElementAt(2):F2} |");
        }

        return 0;
    }
}
