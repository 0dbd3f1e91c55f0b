using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Yiwang.Bench.PopulationLoad;

/// <summary>The intake's phase timings of one import, in milliseconds; the remainder of Total is reading and validating.</summary>
internal readonly record struct IntakeTimings(long Total, long Lookups, long Resolve, long Writes);

/// <summary>
/// Listens to <c>IntakeEngine</c>'s closing log entry ("Import … in {Total} ms: lookups {Lookups} ms, resolve {Resolve} ms,
/// writes {Writes} ms") and keeps its values; every other category is disabled, so it costs nothing elsewhere.
/// If the entry changes shape, <see cref="Last"/> simply stays null.
/// </summary>
internal sealed class IntakeTimingsLog : ILoggerProvider
{
    private const string Category = "Yiwang.People.Intake.IntakeEngine";

    private IntakeTimings? _last;

    public IntakeTimings? Last => _last;

    public void Reset() => _last = null;

    public ILogger CreateLogger(string categoryName) => categoryName == Category ? new Listener(this) : Disabled.Instance;

    public void Dispose()
    {
    }

    private sealed class Listener(IntakeTimingsLog owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is not IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                return;
            }

            long? Get(string key) =>
                values.FirstOrDefault(v => v.Key == key).Value is { } v && long.TryParse(Convert.ToString(v, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture, out var n)
                    ? n
                    : null;

            if (Get("Total") is { } total && Get("Lookups") is { } lookups && Get("Resolve") is { } resolve && Get("Writes") is { } writes)
            {
                owner._last = new IntakeTimings(total, lookups, resolve, writes);
            }
        }
    }

    private sealed class Disabled : ILogger
    {
        public static readonly Disabled Instance = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => false;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }
    }
}
