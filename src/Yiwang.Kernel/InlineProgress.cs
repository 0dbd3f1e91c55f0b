namespace Yiwang.Kernel;

/// <summary>Reports on the calling thread; <see cref="Progress{T}"/> would post to the thread pool and lag behind long work.</summary>
public sealed class InlineProgress(Action<long> report) : IProgress<long>
{
    public void Report(long value) => report(value);
}
