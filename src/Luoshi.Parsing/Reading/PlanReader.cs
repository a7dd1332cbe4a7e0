namespace Luoshi.Parsing.Reading;

/// <summary>
/// Turns uploaded bytes into text: .docx through OpenXml, a 任务分解表 .xlsx as its table's text (<see cref="Tables.TaskWorkbook"/>), .html through AngleSharp, anything else as text
/// (UTF-8 or GB18030). Throws <see cref="PlanDocumentException"/> (Chinese message) when the bytes are not a
/// readable document; this is the only place of the parser that reports “unreadable”.
/// </summary>
public static class PlanReader
{
    public static string ReadText(byte[] content, string? fileName, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var ext = Path.GetExtension(fileName ?? string.Empty).ToLowerInvariant();
        var zip = content.Length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
        switch (ext)
        {
            case ".docx" or ".docm" or ".dotx":
                if (!zip)
                {
                    throw new PlanDocumentException("文件不是有效的 .docx 文档（不是 Office Open XML 压缩包）");
                }

                return DocxTextExtractor.Extract(content, ct);
            case ".doc" or ".wps":
                throw new PlanDocumentException("不支持旧版 .doc/.wps 文档，请另存为 .docx 后再上传");
            case ".pdf":
                throw new PlanDocumentException("暂不支持 PDF 文件，请上传 .docx、网页或文本文件");
            case ".xlsx" or ".xlsm":
                return Tables.TaskWorkbook.Read(content, ct).Text;
            case ".xls":
                throw new PlanDocumentException("不支持旧版 .xls 表格，请另存为 .xlsx 后再上传");
            case ".pptx" or ".ppt" or ".zip" or ".rar" or ".7z" or ".png" or ".jpg" or ".jpeg" or ".gif":
                throw new PlanDocumentException($"不支持 {ext} 文件，请上传 .docx、.xlsx（任务分解表）、网页（.html）或文本文件");
        }

        if (zip)
        {
            return DocxTextExtractor.Extract(content, ct);
        }

        if (content.AsSpan().StartsWith("%PDF"u8))
        {
            throw new PlanDocumentException("暂不支持 PDF 文件，请上传 .docx、网页或文本文件");
        }

        var text = TextDecoder.Decode(content);
        if (ext is ".html" or ".htm" or ".xhtml" or ".mht" || LooksLikeHtml(text))
        {
            return HtmlTextExtractor.Extract(text, ct);
        }

        return text;
    }

    private static bool LooksLikeHtml(string text)
    {
        var head = text.AsSpan(0, Math.Min(text.Length, 1024)).TrimStart();
        return head.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase)
            || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            || (head.StartsWith("<", StringComparison.Ordinal) && head.Contains("<body", StringComparison.OrdinalIgnoreCase));
    }
}
