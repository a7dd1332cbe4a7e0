using System.Text;
using Luoshi.Cli.CommandLine;

Console.OutputEncoding = Encoding.UTF8;
return await LuoshiCommandLine.RunAsync(args);
