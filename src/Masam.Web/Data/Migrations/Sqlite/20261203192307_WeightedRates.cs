using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masam.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WeightedRates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "EffectiveN",
                table: "PublishedCells",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "WeightedRate",
                table: "PublishedCells",
                type: "REAL",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EffectiveN",
                table: "PublishedCells");

            migrationBuilder.DropColumn(
                name: "WeightedRate",
                table: "PublishedCells");
        }
    }
}
