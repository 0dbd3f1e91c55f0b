using Microsoft.AspNetCore.Http.HttpResults;
using Yiwang.Kernel.Web;

namespace Yiwang.Epidemic.Features;

/// <summary>Why the module refused a change, in both languages, with a stable code; nothing was written.</summary>
internal sealed record Refusal(int Status, string Zh, string En, string Code)
{
    public ProblemHttpResult ToProblem() => Problems.Status(Status, Zh, En, Code);

    public override string ToString() => $"{Zh} / {En}";

    public static Refusal NotFound(string zh, string en) => new(404, zh, en, "not-found");

    public static Refusal Invalid(string zh, string en, string code) => new(400, zh, en, code);

    public static Refusal Conflict(string zh, string en, string code) => new(409, zh, en, code);
}
