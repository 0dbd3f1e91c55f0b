using System.Diagnostics;

namespace Yiwang.Bench.PopulationLoad;

/// <summary>What a phase cost in memory: working set before and at its peak, and the managed heap's peak.</summary>
internal readonly record struct MemoryReading(long StartWorkingSet, long PeakWorkingSet, long PeakManagedHeap);

/// <summary>
/// Per-phase memory of this process. <see cref="Process.PeakWorkingSet64"/> (VmHWM) only grows, so each phase
/// starts by resetting it through <c>/proc/self/clear_refs</c> (Linux 4.0+); a thread also samples the working
/// set and <see cref="GC.GetTotalMemory(bool)"/> every 50 ms, which is all there is where the reset fails.
/// </summary>
internal sealed class MemoryProbe : IDisposable
{
    private readonly Process _self = Process.GetCurrentProcess();
    private readonly Lock _lock = new();
    private readonly Thread _thread;
    private volatile bool _stopped;
    private bool _peakReset;
    private long _startWorkingSet;
    private long _maxWorkingSet;
    private long _maxManagedHeap;

    public MemoryProbe()
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = "memory probe" };
        _thread.Start();
    }

    /// <summary>True when the kernel let us reset the peak, so peaks are exact rather than sampled.</summary>
    public bool ExactPeaks { get; private set; }

    /// <summary>Collects garbage left by the previous phase, then starts counting.</summary>
    public void BeginPhase()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        lock (_lock)
        {
            _peakReset = TryResetPeak();
            ExactPeaks = _peakReset;
            _self.Refresh();
            _startWorkingSet = _maxWorkingSet = _self.WorkingSet64;
            _maxManagedHeap = GC.GetTotalMemory(forceFullCollection: false);
        }
    }

    public MemoryReading EndPhase()
    {
        lock (_lock)
        {
            SampleLocked();
            var peak = _peakReset ? Math.Max(_maxWorkingSet, _self.PeakWorkingSet64) : _maxWorkingSet;
            return new MemoryReading(_startWorkingSet, peak, _maxManagedHeap);
        }
    }

    public void Dispose()
    {
        _stopped = true;
        _thread.Join();
        _self.Dispose();
    }

    private void Loop()
    {
        while (!_stopped)
        {
            lock (_lock)
            {
                SampleLocked();
            }

            Thread.Sleep(50);
        }
    }

    private void SampleLocked()
    {
        _self.Refresh();
        _maxWorkingSet = Math.Max(_maxWorkingSet, _self.WorkingSet64);
        _maxManagedHeap = Math.Max(_maxManagedHeap, GC.GetTotalMemory(forceFullCollection: false));
    }

    private static bool TryResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
