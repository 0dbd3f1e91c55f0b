using MiniExcelLibs;
using Yiwang.Epidemic.Localization;

namespace Yiwang.Epidemic.Features.Dashboard;

/// <summary>The current dashboard level as an XLSX sheet: one row per child and a totals row, headers in both languages.</summary>
internal static class DashboardExport
{
    public static byte[] Xlsx(DashboardQuery.DashboardView view)
    {
        static string Both(string key) => DashboardText.Of(key).Bilingual();
        var rows = view.Children.Append(view.Totals with { Name = view.Totals.Name + " " + Both("Export.Total") }).Select(c =>
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                [Both("Export.Code")] = c.Code,
                [Both("Export.Name")] = c.Name,
                [Both("Export.Risk")] = Both(c.Risk is "High" or "Medium" ? "Export.Risk." + c.Risk : "Export.Risk.Low"),
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
