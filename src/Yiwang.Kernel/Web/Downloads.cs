using Yiwang.Kernel.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Yiwang.Kernel.UseCases;

namespace Yiwang.Kernel.Web;

/// <summary>The one place that knows the download formats, their headers and the bad-format answer.</summary>
public static class Downloads
{
    public static Refusal? FormatRefusal(string format) => format is "csv" or "xlsx"
        ? null
        : Refusal.BadRequest(new Text(typeof(Localization.UiText), "Download.BadFormat"), "bad-format");


    public static async Task<IResult> WriteAsync<T>(
        HttpContext http, string format, string name, IReadOnlyList<(string Header, Func<T, string?> Value)> columns,
        IAsyncEnumerable<T> rows, CancellationToken ct)
    {
        http.Response.ContentType = format == "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}.{format}\"";
        if (format == "csv")
        {
            await TableExport.WriteCsvAsync(http.Response.Body, columns, rows, ct);
        }
        else
        {
            await TableExport.WriteXlsxAsync(http.Response.Body, name.Length > 31 ? name[..31] : name, columns, rows, ct);
        }

        return Results.Empty;
    }
}
