using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Luoshi.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RankingSchemesAndAdjustments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ranking_adjustments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrgUnitId = table.Column<int>(type: "integer", nullable: false),
                    Period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    Points = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: false),
                    Basis = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ProposedById = table.Column<int>(type: "integer", nullable: false),
                    ProposedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReviewedById = table.Column<int>(type: "integer", nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ranking_adjustments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ranking_adjustments_org_units_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ranking_adjustments_users_ProposedById",
                        column: x => x.ProposedById,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ranking_adjustments_users_ReviewedById",
                        column: x => x.ReviewedById,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ranking_scheme_versions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SchemeId = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ranking_scheme_versions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ranking_scheme_versions_users_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ranking_weights",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SchemeVersionId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CriterionKey = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Weight = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ranking_weights", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ranking_weights_ranking_scheme_versions_SchemeVersionId",
                        column: x => x.SchemeVersionId,
                        principalTable: "ranking_scheme_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ranking_adjustments_OrgUnitId",
                table: "ranking_adjustments",
                column: "OrgUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ranking_adjustments_Period_Status",
                table: "ranking_adjustments",
                columns: new[] { "Period", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ranking_adjustments_ProposedById",
                table: "ranking_adjustments",
                column: "ProposedById");

            migrationBuilder.CreateIndex(
                name: "IX_ranking_adjustments_ReviewedById",
                table: "ranking_adjustments",
                column: "ReviewedById");

            migrationBuilder.CreateIndex(
                name: "IX_ranking_scheme_versions_CreatedById",
                table: "ranking_scheme_versions",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_ranking_scheme_versions_SchemeId_Version",
                table: "ranking_scheme_versions",
                columns: new[] { "SchemeId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ranking_weights_SchemeVersionId_Kind_CriterionKey",
                table: "ranking_weights",
                columns: new[] { "SchemeVersionId", "Kind", "CriterionKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ranking_adjustments");

            migrationBuilder.DropTable(
                name: "ranking_weights");

            migrationBuilder.DropTable(
                name: "ranking_scheme_versions");
        }
    }
}
