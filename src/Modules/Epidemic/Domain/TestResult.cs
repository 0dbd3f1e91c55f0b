namespace Yiwang.Epidemic.Domain;

/// <summary>Result of a laboratory test.</summary>
internal enum TestResult
{
    Negative,
    Positive,
}
