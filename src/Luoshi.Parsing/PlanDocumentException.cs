namespace Luoshi.Parsing;

/// <summary>
/// Thrown by the readers when the bytes are not a readable document or exceed the reading limits, and by the text parser
/// only when a document exceeds the caps of its <see cref="ParseOptions"/>;
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
