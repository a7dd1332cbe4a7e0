namespace Luoshi.Parsing;

/// <summary>
/// Thrown by the readers (never by the text parser) when the bytes are not a readable document;
/// the message is Chinese and names the problem, e.g. “文件不是有效的 .docx 文档”.
/// </summary>
public sealed class PlanDocumentException : Exception
{
    public PlanDocumentException(string message)
        : base(message)
    {
    }

    public PlanDocumentException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
