using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masam.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Figures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "ReceivedMonth",
                table: "Feedback",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            // Feedback received before figures were counted: its month on Mongolia's calendar (UTC+8).
            migrationBuilder.Sql("""UPDATE "Feedback" SET "ReceivedMonth" = date("ReceivedAt", '+8 hours', 'start of month')""");

            migrationBuilder.CreateTable(
                name: "AggregationRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    MethodVersion = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    WatermarkFrom = table.Column<DateTime>(type: "TEXT", nullable: true),
                    WatermarkTo = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CellsRecounted = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AggregationRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FeedbackCounts",
                columns: table => new
                {
                    ProviderId = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Dimension = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    C1 = table.Column<int>(type: "INTEGER", nullable: false),
                    C2 = table.Column<int>(type: "INTEGER", nullable: false),
                    C3 = table.Column<int>(type: "INTEGER", nullable: false),
                    C4 = table.Column<int>(type: "INTEGER", nullable: false),
                    C5 = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeedbackCounts", x => new { x.ProviderId, x.Month, x.Dimension, x.Value });
                });

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_ReceivedMonth_ProviderId",
                table: "Feedback",
                columns: new[] { "ReceivedMonth", "ProviderId" });

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackCounts_Month_Dimension",
                table: "FeedbackCounts",
                columns: new[] { "Month", "Dimension" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AggregationRuns");

            migrationBuilder.DropTable(
                name: "FeedbackCounts");

            migrationBuilder.DropIndex(
                name: "IX_Feedback_ReceivedMonth_ProviderId",
                table: "Feedback");

            migrationBuilder.DropColumn(
                name: "ReceivedMonth",
                table: "Feedback");
        }
    }
}
