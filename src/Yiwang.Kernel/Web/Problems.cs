using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Yiwang.Kernel.UseCases;

namespace Yiwang.Kernel.Web;

/// <summary>
/// The one mapping of a <see cref="Refusal"/> to RFC 9457 ProblemDetails: the detail in both languages ("中文 / English")
/// so one response serves the Chinese UI, English clients and logs; the stable <c>code</c> as an extension; field
/// errors in <c>errors</c> as in ValidationProblemDetails.
/// </summary>
public static class Problems
{
    public static ProblemHttpResult From(Refusal refusal)
    {
        if (refusal.Fields.Count > 0)
        {
            return TypedResults.Problem(new HttpValidationProblemDetails(
                refusal.Fields.ToDictionary(f => f.Key, f => f.Value.Select(t => t.Bilingual()).ToArray()))
            {
                Status = refusal.Status,
                Title = "数据校验失败 / Validation failed",
                Detail = refusal.Message.Bilingual(),
            });
        }

        return TypedResults.Problem(
            detail: refusal.Message.Bilingual(),
            statusCode: refusal.Status,
            title: TitleFor(refusal.Status),
            extensions: new Dictionary<string, object?> { ["code"] = refusal.Code });
    }

    /// <summary>An endpoint's answer to a handler's result: 200 with the value, or the refusal's ProblemDetails.</summary>
    public static Results<Ok<T>, ProblemHttpResult> ToOk<T>(this Result<T> result) =>
        result.TryGet(out var value) ? TypedResults.Ok(value) : From(result.Refusal!);

    /// <summary>201 with the value at <paramref name="location"/>, or the refusal's ProblemDetails.</summary>
    public static Results<Created<T>, ProblemHttpResult> ToCreated<T>(this Result<T> result, Func<T, string> location) =>
        result.TryGet(out var value) ? TypedResults.Created(location(value), value) : From(result.Refusal!);

    /// <summary>204 when the handler succeeded, or the refusal's ProblemDetails.</summary>
    public static Results<NoContent, ProblemHttpResult> ToNoContent<T>(this Result<T> result) =>
        result.IsOk ? TypedResults.NoContent() : From(result.Refusal!);

    private static string TitleFor(int status) => status switch
    {
        400 => "请求有误 / Bad request",
        401 => "未登录 / Not signed in",
        403 => "无权访问 / Forbidden",
        404 => "未找到 / Not found",
        409 => "冲突 / Conflict",
        413 => "请求过大 / Payload too large",
        423 => "已锁定 / Locked",
        429 => "请求过多 / Too many requests",
        _ => "错误 / Error",
    };
}
