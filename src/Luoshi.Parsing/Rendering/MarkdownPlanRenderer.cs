using System.Globalization;
using System.Text;
using Luoshi.Parsing.Model;

namespace Luoshi.Parsing.Rendering;

/// <summary>Writes a readable outline in Markdown, with targets highlighted, units and deadlines beside their items.</summary>
public static class MarkdownPlanRenderer
{
    public static string Render(PlanDocument document)
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(Escape(document.Title ?? "（未识别标题）")).Append("\n\n");
        var facts = new List<string>();
        if (document.Year is { } year)
        {
            facts.Add($"年份：{year}");
        }

        if (document.Issuer is { } issuer)
        {
            facts.Add($"发布单位：{Escape(issuer)}");
        }

        var all = document.AllQuantities.ToList();
        facts.Add($"条目 {document.Items.Count} 条");
        facts.Add($"数量指标 {all.Count} 个（目标 {all.Count(q => q.Kind == QuantityKind.Target)} 个）");
        if (document.RemovedLines.Count > 0)
        {
            facts.Add($"已去除噪声 {document.RemovedLines.Count} 行");
        }

        sb.Append("> ").Append(string.Join(" · ", facts)).Append("\n\n");
        if (document.Quantities.Count > 0)
        {
            sb.Append("## 条目以外的数量指标\n\n");
            foreach (var q in document.Quantities)
            {
                sb.Append("- ").Append(Quantity(q)).Append('\n');
            }

            sb.Append('\n');
        }

        if (document.Items.Count > 0)
        {
            sb.Append("## 提纲\n\n");
            foreach (var item in document.Items)
            {
                var indent = new string(' ', Math.Max(0, item.Level - 1) * 2);
                sb.Append(indent).Append("- **").Append(Escape(item.Marker)).Append("** ").Append(Escape(item.Heading));
                var notes = new List<string>();
                if (item.Responsible.Count > 0)
                {
                    notes.Add("责任单位：" + Escape(string.Join("、", item.Responsible)));
                }

                if (item.Deadline is { } deadline)
                {
                    notes.Add("完成时限：" + deadline.ToString());
                }

                if (notes.Count > 0)
                {
                    sb.Append("（").Append(string.Join("；", notes)).Append('）');
                }

                sb.Append('\n');
                foreach (var q in item.Quantities)
                {
                    sb.Append(indent).Append("  - ").Append(Quantity(q)).Append('\n');
                }
            }
        }

        if (document.RemovedLines.Count > 0)
        {
            sb.Append("\n<details><summary>已去除的噪声行（").Append(document.RemovedLines.Count).Append("）</summary>\n\n");
            foreach (var line in document.RemovedLines)
            {
                sb.Append("- ").Append(Escape(line.Text)).Append("（").Append(line.Reason).Append("）\n");
            }

            sb.Append("\n</details>\n");
        }

        return sb.ToString();
    }

    private static string Quantity(Quantity q)
    {
        var figure = q.Placeholder ? "XX" : Number(q.Value);
        if (q.Upper is not null)
        {
            figure += "–" + Number(q.Upper);
        }

        if (q.Denominator is not null)
        {
            figure += ":" + Number(q.Denominator);
        }

        var comparator = q.Comparator switch
        {
            Comparator.AtLeast => "≥",
            Comparator.AtMost => "≤",
            _ => string.Empty,
        };
        var measure = $"{comparator}{figure} {(q.Unit == "比" ? string.Empty : q.Unit)}".Trim();
        return q.Kind switch
        {
            QuantityKind.Target => $"🎯 **{Escape(q.Text)}**（目标：{measure}）",
            QuantityKind.Achievement => $"✅ {Escape(q.Text)}（已完成：{measure}）",
            _ => $"{Escape(q.Text)}（{measure}）",
        };
    }

    private static string Number(decimal? value) =>
        value is { } v ? (v / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture) : "XX";

    private static string Escape(string s) =>
        s.Replace("*", "\\*", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);
}
