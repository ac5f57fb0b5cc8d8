using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masam.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FeedbackAimagCode : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AimagCode",
                table: "Feedback",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                defaultValue: "");

            // The aimag is the first code of the provider's unit path (/181/MN18101/).
            migrationBuilder.Sql("""
                UPDATE "Feedback" f SET "AimagCode" = split_part(u."Path", '/', 2)
                FROM "Providers" p JOIN "AdminUnits" u ON u."Id" = p."AdminUnitId"
                WHERE p."Id" = f."ProviderId";
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_AimagCode_ReceivedAt",
                table: "Feedback",
                columns: new[] { "AimagCode", "ReceivedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Feedback_AimagCode_ReceivedAt",
                table: "Feedback");

            migrationBuilder.DropColumn(
                name: "AimagCode",
                table: "Feedback");
        }
    }
}
