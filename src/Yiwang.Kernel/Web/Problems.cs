using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Yiwang.Kernel.Web;

/// <summary>
/// ProblemDetails with bilingual text ("中文 / English"): one response serves the Chinese UI, English
/// clients and logs. Field errors go into <c>errors</c> as in ValidationProblemDetails.
/// </summary>
public static class Problems
{
    public static ProblemHttpResult Status(int status, string zh, string en, string? code = null) =>
        TypedResults.Problem(
            detail: $"{zh} / {en}",
            statusCode: status,
            title: TitleFor(status),
            extensions: code is null ? null : new Dictionary<string, object?> { ["code"] = code });

    public static ProblemHttpResult NotFound(string zh, string en) => Status(StatusCodes.Status404NotFound, zh, en, "not-found");

    public static ProblemHttpResult Forbidden(string zh, string en) => Status(StatusCodes.Status403Forbidden, zh, en, "forbidden");

    public static ProblemHttpResult Conflict(string zh, string en) => Status(StatusCodes.Status409Conflict, zh, en, "conflict");

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(
            errors,
            detail: "提交的数据有误，未保存任何内容 / The submitted data is invalid; nothing was saved",
            title: "Validation failed / 数据校验失败");

    private static string TitleFor(int status) => status switch
    {
        400 => "Bad request / 请求有误",
        401 => "Not signed in / 未登录",
        403 => "Forbidden / 无权访问",
        404 => "Not found / 未找到",
        409 => "Conflict / 冲突",
        413 => "Payload too large / 请求过大",
        423 => "Locked / 已锁定",
        _ => "Error / 错误",
    };
}
