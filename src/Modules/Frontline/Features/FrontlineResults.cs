using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;

namespace Yiwang.Frontline.Features;

/// <summary>Endpoint answers the kernel's <c>ToOk</c>/<c>ToCreated</c> do not cover.</summary>
internal static class FrontlineResults
{
    /// <summary>204 for a deletion that happened, or the refusal's ProblemDetails.</summary>
    public static Results<NoContent, ProblemHttpResult> ToNoContent<T>(this Result<T> result) =>
        result.IsOk ? TypedResults.NoContent() : Problems.From(result.Refusal!);
}
