namespace Luoshi.Parsing;

/// <summary>
/// How much one parse may produce, and when to stop. Uploads to the web use <see cref="ForUpload"/>: a real plan has at
/// most a few hundred items and targets, so a document far beyond that is refused early (a <see cref="PlanDocumentException"/>
/// naming the cap) instead of growing the server. The command line parses whatever it is given (<see cref="Unlimited"/>).
/// The readers' own limits (what a .docx may unpack to, how deep XML and HTML may nest) hold for every parse.
/// </summary>
public sealed record ParseOptions
{
    /// <summary>Items (outline headings) an uploaded plan may have.</summary>
    public const int UploadMaxItems = 3_000;

    /// <summary>Targets (measured figures) an uploaded plan may have.</summary>
    public const int UploadMaxTargets = 5_000;

    public int MaxItems { get; init; } = int.MaxValue;

    public int MaxTargets { get; init; } = int.MaxValue;

    /// <summary>
    /// The plan's year when it is already known (a draft whose year someone changed): the parser reads deadlines without a
    /// year of their own (年底前, 6月底前) in it instead of the year it would find in the text.
    /// </summary>
    public int? Year { get; init; }

    /// <summary>Stops the parse when the client has gone or the server is stopping.</summary>
    public CancellationToken CancellationToken { get; init; }

    public static ParseOptions Unlimited { get; } = new();

    public static ParseOptions ForUpload(CancellationToken ct) =>
        new() { MaxItems = UploadMaxItems, MaxTargets = UploadMaxTargets, CancellationToken = ct };

    internal void CheckItems(int count)
    {
        if (count > MaxItems)
        {
            throw new PlanDocumentException($"文档中的条目超过 {MaxItems} 条，不像一份工作计划（一般只有几百条），请检查文档或拆分后再上传");
        }
    }

    internal void CheckTargets(int count)
    {
        if (count > MaxTargets)
        {
            throw new PlanDocumentException($"文档中的指标数字超过 {MaxTargets} 个，不像一份工作计划（一般只有几百个），请检查文档或拆分后再上传");
        }
    }
}
