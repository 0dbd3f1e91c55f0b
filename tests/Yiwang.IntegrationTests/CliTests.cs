using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.IntegrationTests.Infrastructure;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Identity;

namespace Yiwang.IntegrationTests;

/// <summary>The host binary's verbs, run as a separate process the way an operator runs them.</summary>
public sealed class CliTests(SqliteHost host) : IClassFixture<SqliteHost>
{
    private static string HostDll()
    {
        // tests/Yiwang.IntegrationTests/bin/<Configuration>/net10.0 → src/Yiwang.Host/bin/<Configuration>/net10.0
        var bin = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = bin.Parent!.Name;
        var root = bin;
        while (!File.Exists(Path.Combine(root.FullName, "Yiwang.slnx")))
        {
            root = root.Parent!;
        }

        return Path.Combine(root.FullName, "src", "Yiwang.Host", "bin", configuration, bin.Name, "Yiwang.Host.dll");
    }

    private async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(HostDll());
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (key, value) in host.Factory.Settings())
        {
            psi.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await p.WaitForExitAsync(timeout.Token);
        return (p.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task Help_lists_the_verbs()
    {
        var (exit, output) = await RunAsync("--help");
        Assert.Equal(0, exit);
        foreach (var verb in new[] { "migrate", "seed", "generate-population", "verify-audit", "create-account", "create-api-key" })
        {
            Assert.Contains(verb, output);
        }
    }

    [Fact]
    public async Task Verify_audit_passes_on_an_intact_chain_and_names_the_first_tampered_entry()
    {
        _ = host.Factory.Services; // the host has migrated and seeded the database
        var ok = await RunAsync("verify-audit");
        Assert.True(ok.Exit == 0, ok.Output);
        Assert.Contains("OK", ok.Output);

        await using var scope = host.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
        await db.Database.ExecuteSqlRawAsync("DROP TRIGGER audit_log_no_update");
        await db.Database.ExecuteSqlRawAsync("UPDATE audit_log SET actor = 'intruder' WHERE seq = 2");
        try
        {
            var broken = await RunAsync("verify-audit");
            Assert.Equal(1, broken.Exit);
            Assert.Contains("BROKEN at entry 2", broken.Output);
        }
        finally
        {
            var original = await db.AuditEntries.Where(a => a.Seq == 1).Select(a => a.Actor).SingleAsync();
            await db.Database.ExecuteSqlRawAsync("UPDATE audit_log SET actor = {0} WHERE seq = 2", original);
            await db.Database.ExecuteSqlRawAsync(
                "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;");
        }
    }

    [Fact]
    public async Task Generate_population_writes_a_csv_of_valid_residents()
    {
        _ = host.Factory.Services;
        var file = Path.Combine(Path.GetTempPath(), $"yiwang-pop-{Guid.NewGuid():N}.csv");
        try
        {
            var (exit, output) = await RunAsync("generate-population", "--count", "3000", "--seed", "7", "--out", file);
            Assert.True(exit == 0, output);
            var lines = await File.ReadAllLinesAsync(file);
            Assert.Equal(3001, lines.Length);
            Assert.StartsWith("id,household_id,id_number,name", lines[0], StringComparison.Ordinal);
            var today = DateOnly.FromDateTime(DateTime.Today.AddDays(1));
            Assert.All(lines.Skip(1), l => Assert.True(ResidentIdentityNumber.Validate(l.Split(',')[2], today).IsValid, l));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Generate_population_refuses_nonsense_counts()
    {
        var (exit, output) = await RunAsync("generate-population", "--count", "0", "--out", "/tmp/never.csv");
        Assert.Equal(2, exit);
        Assert.Contains("--count", output);
        Assert.False(File.Exists("/tmp/never.csv"));
    }
}
