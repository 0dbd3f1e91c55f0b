using System.Globalization;

namespace Yiwang.Bench.HealthCodes;

/// <summary>Timed samples in milliseconds, with percentiles (nearest rank).</summary>
internal sealed class Timing
{
    private readonly List<double> _ms = [];
    private readonly Lock _gate = new();

    public int Count => _ms.Count;

    public void Add(double ms)
    {
        lock (_gate)
        {
            _ms.Add(ms);
        }
    }

    public double P(double q)
    {
        lock (_gate)
        {
            if (_ms.Count == 0)
            {
                return double.NaN;
            }

            var sorted = _ms.Order().ToList();
            return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
        }
    }

    public double Max
    {
        get
        {
            lock (_gate)
            {
                return _ms.Count == 0 ? double.NaN : _ms.Max();
            }
        }
    }

    public static string F(double v) => double.IsNaN(v) ? "–" : v.ToString(v < 10 ? "F2" : "F1", CultureInfo.InvariantCulture);

    public static string N(double v) => double.IsNaN(v) ? "–" : v.ToString("N0", CultureInfo.InvariantCulture);
}
