namespace Yiwang.Epidemic.Domain;

/// <summary>A test of the person (nucleic acid, antigen…), which transitions may require.</summary>
internal sealed class CaseTest
{
    public long Id { get; set; }

    public Guid CaseId { get; set; }

    public string Kind { get; set; } = "";

    public TestResult Result { get; set; }

    public DateTimeOffset SampledAt { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public string RecordedBy { get; set; } = "";
}
