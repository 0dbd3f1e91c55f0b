using System.Diagnostics;
using System.Globalization;
using System.Text;
using static Yiwang.Bench.HealthCodes.Timing;

namespace Yiwang.Bench.HealthCodes;

/// <summary>The figures of one run, as a Markdown section for docs/PERFORMANCE.md.</summary>
internal sealed class Report(
    HealthCodesBench.Options o, string pgVersion, string sharedBuffers, string tableSize, string repo, DateTimeOffset started, string loadStart,
    List<(string, TimeSpan)> phases)
{
    public double BareBefore { get; set; }

    public double BareAfter { get; set; }

    public double Pipeline { get; set; }

    public (double Rate, long Stored, long Refused, long Duplicates, Timing Latency)? Upload { get; set; }

    public string? UploadMissing { get; set; }

    public double? UploadWarmup { get; set; }

    public (double Host, double Postgres, double Self)? UploadCpu { get; set; }

    public (double Rate, Timing Latency)? Online { get; set; }

    public string? OnlineMissing { get; set; }

    public ((double Host, double Postgres, double Self) Cpu, long Scans)? OnlineCpu { get; set; }

    public (Timing Search, Timing Run, Timing Sql, int Cases, double Visits, double Contacts, double Encounters)? Tracing { get; set; }

    public Timing? TracingApi { get; set; }

    public double Issuance { get; set; }

    public double IssuanceFirst { get; set; }

    private double Bare => (BareBefore + BareAfter) / 2;

    /// <summary>Each process's CPU per scan: "host … µs, PostgreSQL … µs, load generator … µs; total … µs".</summary>
    private static string PerScan((double Host, double Postgres, double Self) cpu, long scans)
    {
        string Us(double seconds) => (seconds / scans * 1e6).ToString("F1", CultureInfo.InvariantCulture);
        return $"host {Us(cpu.Host)} µs, PostgreSQL {Us(cpu.Postgres)} µs, load generator {Us(cpu.Self)} µs; total {Us(cpu.Host + cpu.Postgres + cpu.Self)} µs";
    }

    public string Render()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"Measured {started:yyyy-MM-dd HH:mm} UTC at commit {Git(repo)}; {Environment.ProcessorCount} logical CPUs ({Cpu()}), .NET {Environment.Version}, PostgreSQL {pgVersion} (throwaway cluster, loopback TCP, shared_buffers {sharedBuffers}, fsync off); load average {loadStart} at the start, {HealthCodesBench.LoadAverage()} at the end (the machine is shared: other processes' load is in these figures).");
        sb.AppendLine(inv, $"Data: {o.Persons:N0} residents with subject links, {o.Venues:N0} venues, **{o.Scans:N0} scans over {o.Days} days** ({tableSize} with indexes). The host is the real Yiwang.Host in its own process on a loopback port; the load generator runs on the same two cores.");
        sb.AppendLine();
        sb.AppendLine("| Measure | Result | Reference (same run) | Ratio | Goal |");
        sb.AppendLine("|---|---:|---:|---:|---|");
        sb.AppendLine(inv, $"| (a) bare ES256 verify, all cores (.NET ECDsa over pre-built Sig_structures) | {N(BareBefore)} / {N(BareAfter)} per s (before / after the HTTP phases) | — | — | the reference |");
        sb.AppendLine(inv, $"| (a′) whole offline verifier (Base45, zlib, COSE, claims, ES256), all cores | {N(Pipeline)} per s | {N(BareBefore)} bare | {Pipeline / BareBefore:F2} | — |");
        if (Upload is { } u)
        {
            sb.AppendLine(inv, $"| (b) batch upload: {o.Uploaders} venues at once, batches of 1000 freshly issued codes, each re-verified and stored (timed after a warm-up round of {o.WarmupBatches:N0} batches) | **{N(u.Rate)} scans/s** (batch p50 {F(u.Latency.P(.5))} ms, p99 {F(u.Latency.P(.99))} ms) | {N(Bare)} bare verifies/s | **{u.Rate / Bare:F2}** | ≥ 20,000/s and ≥ 0.7 |");
            if (UploadWarmup is { } w)
            {
                sb.AppendLine(inv, $"| (b′) the warm-up round: the host's first {o.WarmupBatches:N0} batches after the probe, while the JIT still recompiles hot paths | {N(w)} scans/s | {N(Bare)} bare verifies/s | {w / Bare:F2} | — |");
            }

            if (UploadCpu is { } cpu && u.Stored > 0)
            {
                sb.AppendLine(inv, $"| (b″) CPU per stored scan in the timed round: host, PostgreSQL (all its processes), load generator | {PerScan(cpu, u.Stored)} | a bare verify: {Environment.ProcessorCount / Bare * 1e6:F1} µs of one core | — | — |");
            }
        }
        else
        {
            sb.AppendLine(inv, $"| (b) batch upload | not measured: {UploadMissing} | | | ≥ 20,000/s and ≥ 0.7 |");
        }

        if (Online is { } c)
        {
            sb.AppendLine(inv, $"| (c) online verify-and-record, {o.Clients} concurrent clients | **{N(c.Rate)} scans/s**, p50 {F(c.Latency.P(.5))} ms, **p99 {F(c.Latency.P(.99))} ms** | {N(Bare)} bare verifies/s | {c.Rate / Bare:F2} | ≥ 8,000/s, p99 < 50 ms |");
            if (OnlineCpu is { } oc && oc.Scans > 0)
            {
                sb.AppendLine(inv, $"| (c″) CPU per online scan: host, PostgreSQL, load generator (one HTTP request each) | {PerScan(oc.Cpu, oc.Scans)} | | | |");
            }
        }
        else
        {
            sb.AppendLine(inv, $"| (c) online verify-and-record | not measured: {OnlineMissing} | | | ≥ 8,000/s, p99 < 50 ms |");
        }

        if (Tracing is { } t)
        {
            sb.AppendLine(inv, $"| (d) tracing one new case: the tracer's search (ExposureTracer.FindAsync: visits, venue ranges, links, overlaps) | **p50 {F(t.Search.P(.5))} ms, p95 {F(t.Search.P(.95))} ms** | plain self-join p50 {F(t.Sql.P(.5))} ms, p95 {F(t.Sql.P(.95))} ms | {t.Search.P(.5) / t.Sql.P(.5):F2} (p50), {t.Search.P(.95) / t.Sql.P(.95):F2} (p95) of the self-join's time | < 50 ms |");
            sb.AppendLine(inv, $"| (d′) the whole tracing (search, then stored with contacts and encounters, audited) | p50 {F(t.Run.P(.5))} ms, p95 {F(t.Run.P(.95))} ms | | | |");
            if (TracingApi is { Count: > 0 } api)
            {
                sb.AppendLine(inv, $"| (d″) through the host's API (POST /api/health-codes/tracings, first page of contacts back) | p50 {F(api.P(.5))} ms, p95 {F(api.P(.95))} ms ({api.Count} cases) | | | |");
            }
        }

        sb.AppendLine(inv, $"| (e) code issuance, refreshes (CodeIssuer.IssueForPersonAsync: colour read, ES256 signature), {o.IssueWorkers} workers | **{N(Issuance)} codes/s** | | | ≥ 5,000/s |");
        sb.AppendLine(inv, $"| (e′) a person's first code on this host (the same, plus the check that their subject link exists) | {N(IssuanceFirst)} codes/s | | | |");
        sb.AppendLine();
        if (Tracing is { } tc)
        {
            sb.AppendLine(inv, $"Tracing: {tc.Cases} new cases among residents who scan (after 10 warm-up cases), ±30 min, 14 days; on average {tc.Visits:F1} visits, {tc.Contacts:F1} persons, {tc.Encounters:F1} encounters per case. The self-join is `scans i JOIN scans c ON c.venue_id = i.venue_id AND c.scanned_at BETWEEN i.scanned_at ∓ 30 min JOIN subject_links` with the same indexes; both found the same persons for every case.");
        }

        sb.AppendLine();
        sb.AppendLine("Set-up phases (not part of the claims):");
        foreach (var (name, time) in phases)
        {
            sb.AppendLine(inv, $"- {name}: {time.TotalSeconds:F1} s");
        }

        return sb.ToString();
    }

    private static string Cpu() =>
        File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "?" : "?";

    private static string Git(string repo)
    {
        try
        {
            var psi = new ProcessStartInfo("git", ["-C", repo, "describe", "--always", "--dirty"]) { RedirectStandardOutput = true, UseShellExecute = false };
            using var p = Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }
}
