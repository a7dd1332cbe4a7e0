using System.CommandLine;
using System.Text;
using Luoshi.Cli.CommandLine;
using Luoshi.Cli.Plans;

// The native host of `luoshi plan parse` (the luoshi script runs it for that command only): the same command, help,
// usage errors and exit codes as the managed CLI, from the same definitions.
Console.OutputEncoding = Encoding.UTF8;
var root = new RootCommand(CommandLineRunner.ProgramDescription) { PlanParseCommand.Group() };
CommandLineRunner.Install(root);
return await CommandLineRunner.RunAsync(root, args);
