using MiniExcelLibs;

namespace Yiwang.Epidemic.Features.Dashboard;

/// <summary>The current dashboard level as an XLSX sheet: one row per child and a totals row, headers in both languages.</summary>
internal static class DashboardExport
{
    public static byte[] Xlsx(DashboardQuery.DashboardView view)
    {
        var rows = view.Children.Append(view.Totals with { Name = view.Totals.Name + " 合计 / total" }).Select(c =>
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["代码 / Code"] = c.Code,
                ["名称 / Name"] = c.Name,
                ["风险等级 / Risk"] = c.Risk switch { "High" => "高风险 / High", "Medium" => "中风险 / Medium", _ => "低风险 / Low" },
            };
            foreach (var cat in view.Categories)
            {
                row[$"{cat.Zh} / {cat.En}"] = c.Categories.GetValueOrDefault(cat.Code);
            }

            foreach (var s in view.States)
            {
                row[$"{s.Zh} / {s.En}"] = c.States.GetValueOrDefault(s.Code);
            }

            foreach (var f in view.Figures)
            {
                row[$"{f.LabelZh} / {f.LabelEn}"] = c.Figures.GetValueOrDefault(f.Figure);
            }

            return row;
        }).ToList();
        using var stream = new MemoryStream();
        // The synchronous writer: MiniExcel 1.46's asynchronous one writes a sheet Excel reports as damaged (see People's TableExport).
        MiniExcelLibs.MiniExcel.SaveAs(stream, rows, printHeader: true, sheetName: "dashboard", excelType: ExcelType.XLSX);
        return stream.ToArray();
    }
}
