using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Yiwang.Bench.HealthCodes;

/// <summary>
/// The real Yiwang host (src/Yiwang.Host, built in the benchmark's configuration) as its own process on a free loopback
/// port against the benchmark's database: what venues and officers talk to in production, with its own GC and threads.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private volatile bool _stopping;

    private HostProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public bool Exited => _process.HasExited;

    public int Pid => _process.Id;

    public static async Task<HostProcess> StartAsync(string repo, string connectionString, IReadOnlyDictionary<string, string> settings, Action<string> log)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(repo, "src", "Yiwang.Host", "bin", configuration, "net10.0", "Yiwang.Host.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build the host first (dotnet build -c {configuration} src/Yiwang.Host)", dll);
        }

        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var psi = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["ConnectionStrings__Yiwang"] = connectionString;
        psi.Environment["Yiwang__Database__Provider"] = "Postgres";
        psi.Environment["Yiwang__Database__MigrateOnStart"] = "false";
        psi.Environment["Yiwang__Seed__OnStart"] = "false";
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            psi.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start the host");
        // Drain its output so it never blocks on a full pipe; keep it in a file beside the benchmark for a post-mortem.
        var output = new StreamWriter(Path.Combine(Path.GetTempPath(), $"yiwang-bench-host-{port}.log")) { AutoFlush = true };
        log($"host output: {((FileStream)output.BaseStream).Name}");
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) { lock (output) { output.WriteLine(line); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) { log("host: " + line); } };
        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.Exited += (_, _) =>
        {
            if (!host._stopping)
            {
                log($"host exited by itself with code {process.ExitCode}");
            }
        };
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var client = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(5) };
        var started = Stopwatch.StartNew();
        while (started.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the host exited with code {process.ExitCode}");
            }

            try
            {
                if ((await client.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK)
                {
                    log($"host ready on {host.Address} after {started.Elapsed.TotalSeconds:F1} s (pid {process.Id})");
                    return host;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        await host.DisposeAsync();
        throw new TimeoutException("the host did not become ready within 3 minutes");
    }

    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
