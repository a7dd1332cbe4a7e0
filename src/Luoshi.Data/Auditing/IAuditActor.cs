namespace Luoshi.Data.Auditing;

/// <summary>Who is making the current change, and from where; the web app reads it from the request, the CLI names itself.</summary>
public interface IAuditActor
{
    int? UserId { get; }
    string? UserName { get; }
    string? Ip { get; }
}

/// <summary>An actor fixed at construction: the command line, the demo seeder, a background job.</summary>
public sealed record FixedAuditActor(int? UserId, string? UserName, string? Ip = null) : IAuditActor
{
    public static FixedAuditActor CommandLine { get; } = new(null, "命令行");
}
