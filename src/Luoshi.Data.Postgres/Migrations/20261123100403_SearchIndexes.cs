using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Luoshi.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Chinese has no spaces to split words on: trigram indexes make LIKE '%词%' searches fast.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_plans_title_trgm ON plans USING gin (\"Title\" gin_trgm_ops);");
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_tasks_title_trgm ON tasks USING gin (\"Title\" gin_trgm_ops);");
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_tasks_text_trgm ON tasks USING gin (\"Text\" gin_trgm_ops);");
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_reports_narrative_trgm ON reports USING gin (\"Narrative\" gin_trgm_ops);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_reports_narrative_trgm;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_tasks_text_trgm;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_tasks_title_trgm;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_plans_title_trgm;");
        }
    }
}
