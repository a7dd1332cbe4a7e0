namespace Luoshi.Cli.Plans;

/// <summary><c>luoshi plan parse</c>; the parser lands with the plan-parsing issue.</summary>
public static class PlanParseCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine("luoshi：计划解析功能尚未提供");
        return Task.FromResult(1);
    }
}
