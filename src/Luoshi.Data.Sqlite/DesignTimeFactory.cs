using Microsoft.EntityFrameworkCore.Design;

namespace Luoshi.Data.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model against SQLite.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<LuoshiDb>
{
    public LuoshiDb CreateDbContext(string[] args) =>
        new(new DatabaseSettings(Path.Combine(Path.GetTempPath(), "luoshi-design"), null).BuildOptions());
}
