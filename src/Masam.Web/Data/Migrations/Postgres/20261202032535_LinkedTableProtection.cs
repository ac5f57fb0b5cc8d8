using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masam.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LinkedTableProtection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MethodVersion",
                table: "Publications",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            // Editions drafted before this release were protected per query (method 2); their files stay as they were.
            migrationBuilder.Sql("UPDATE \"Publications\" SET \"MethodVersion\" = '2' WHERE \"GeneratedAt\" IS NOT NULL;");

            migrationBuilder.AddColumn<string>(
                name: "Disclosure",
                table: "AggregationRuns",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SuppressionThreshold",
                table: "AggregationRuns",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "PublishedCells",
                columns: table => new
                {
                    Period = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ProviderId = table.Column<int>(type: "integer", nullable: false),
                    Dimension = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Value = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    AimagCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    SectorCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Disclosure = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    C1 = table.Column<int>(type: "integer", nullable: true),
                    C2 = table.Column<int>(type: "integer", nullable: true),
                    C3 = table.Column<int>(type: "integer", nullable: true),
                    C4 = table.Column<int>(type: "integer", nullable: true),
                    C5 = table.Column<int>(type: "integer", nullable: true),
                    Fingerprint = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublishedCells", x => new { x.Period, x.Level, x.UnitCode, x.ProviderId, x.Dimension, x.Value });
                });

            migrationBuilder.CreateIndex(
                name: "IX_PublishedCells_Period_AimagCode_Level",
                table: "PublishedCells",
                columns: new[] { "Period", "AimagCode", "Level" });

            migrationBuilder.CreateIndex(
                name: "IX_PublishedCells_Year",
                table: "PublishedCells",
                column: "Year");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PublishedCells");

            migrationBuilder.DropColumn(
                name: "MethodVersion",
                table: "Publications");

            migrationBuilder.DropColumn(
                name: "Disclosure",
                table: "AggregationRuns");

            migrationBuilder.DropColumn(
                name: "SuppressionThreshold",
                table: "AggregationRuns");
        }
    }
}
