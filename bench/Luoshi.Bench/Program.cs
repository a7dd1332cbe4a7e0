using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Luoshi.Bench -- --filter '*' [--job short]
BenchmarkSwitcher.FromAssembly(typeof(Luoshi.Bench.PlanParsing).Assembly).Run(args);
