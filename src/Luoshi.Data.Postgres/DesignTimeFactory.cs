using Microsoft.EntityFrameworkCore.Design;

namespace Luoshi.Data.Postgres;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model against PostgreSQL (no server is contacted).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<LuoshiDb>
{
    public LuoshiDb CreateDbContext(string[] args) =>
        new(new DatabaseSettings(".", "Host=localhost;Database=luoshi_design;Username=luoshi").BuildOptions());
}
