using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masam.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AggregationFeedbackIdTo : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CellsAdded",
                table: "AggregationRuns",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "FeedbackIdTo",
                table: "AggregationRuns",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CellsAdded",
                table: "AggregationRuns");

            migrationBuilder.DropColumn(
                name: "FeedbackIdTo",
                table: "AggregationRuns");
        }
    }
}
