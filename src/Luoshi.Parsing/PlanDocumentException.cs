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

    /// <summary>A document refused for several reasons at once (every bad row of a 分解表), each one a Chinese sentence.</summary>
    public PlanDocumentException(string message, IReadOnlyList<string> problems)
        : base(message) => Problems = problems;

    /// <summary>Each reason on its own; empty when <see cref="Exception.Message"/> is the only one.</summary>
    public IReadOnlyList<string> Problems { get; } = [];

    public PlanDocumentException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
