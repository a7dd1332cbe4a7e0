using Luoshi.Web;

var app = LuoshiApp.Build(args);
await LuoshiApp.PrepareAsync(app);
await app.RunAsync();

/// <summary>The web app's entry point; public so that integration tests can host it.</summary>
public partial class Program;
