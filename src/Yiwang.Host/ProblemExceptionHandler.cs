using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Yiwang.Host;

/// <summary>
/// Turns exceptions into ProblemDetails with bilingual text: malformed or oversized requests get their own
/// status and a clear message; anything else is a 500 that reveals nothing internal.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext ctx, Exception exception, CancellationToken ct)
    {
        var (status, detail, code) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (413, "请求体过大，已拒绝 / The request body is too large and was refused", "payload-too-large"),
            BadHttpRequestException { InnerException: JsonException j } =>
                (400, $"JSON 格式错误，未保存任何内容 / Malformed JSON, nothing was saved: {j.Message}", "malformed-json"),
            BadHttpRequestException b =>
                (b.StatusCode, $"请求有误 / Bad request: {b.Message}", "bad-request"),
            _ => (500, "服务器内部错误，已记录 / Internal error, it has been logged", "internal-error"),
        };
        if (status >= 500)
        {
            log.LogError(exception, "Unhandled exception for {Path}", ctx.Request.Path);
        }

        ctx.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = ctx,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = status == 413 ? "请求过大 / Payload too large" : status >= 500 ? "错误 / Error" : "请求有误 / Bad request",
                Detail = detail,
                Extensions = { ["code"] = code },
            },
        });
    }
}
