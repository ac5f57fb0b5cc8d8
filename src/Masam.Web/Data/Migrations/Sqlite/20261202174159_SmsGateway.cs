using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masam.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SmsGateway : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SmsCode",
                table: "Providers",
                type: "TEXT",
                maxLength: 9,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Channel",
                table: "Outbox",
                type: "TEXT",
                maxLength: 8,
                nullable: false,
                defaultValue: "Email");

            migrationBuilder.AddColumn<DateTime>(
                name: "DeliveredAt",
                table: "Outbox",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NextAttemptAt",
                table: "Outbox",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceKey",
                table: "Outbox",
                type: "TEXT",
                maxLength: 160,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "State",
                table: "Outbox",
                type: "TEXT",
                maxLength: 12,
                nullable: false,
                defaultValue: "Queued");

            migrationBuilder.Sql("UPDATE \"Outbox\" SET \"State\" = 'Sent' WHERE \"SentAt\" IS NOT NULL");

            migrationBuilder.CreateTable(
                name: "SmsInbound",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Gateway = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    GatewayMessageId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PhoneHash = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Command = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SmsInbound", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SmsOptOuts",
                columns: table => new
                {
                    PhoneHash = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    StoppedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SmsOptOuts", x => x.PhoneHash);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Providers_SmsCode",
                table: "Providers",
                column: "SmsCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_Channel_State_Id",
                table: "Outbox",
                columns: new[] { "Channel", "State", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_SourceKey",
                table: "Outbox",
                column: "SourceKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SmsInbound_Gateway_GatewayMessageId",
                table: "SmsInbound",
                columns: new[] { "Gateway", "GatewayMessageId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SmsInbound_PhoneHash_ReceivedAt",
                table: "SmsInbound",
                columns: new[] { "PhoneHash", "ReceivedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SmsInbound");

            migrationBuilder.DropTable(
                name: "SmsOptOuts");

            migrationBuilder.DropIndex(
                name: "IX_Providers_SmsCode",
                table: "Providers");

            migrationBuilder.DropIndex(
                name: "IX_Outbox_Channel_State_Id",
                table: "Outbox");

            migrationBuilder.DropIndex(
                name: "IX_Outbox_SourceKey",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "SmsCode",
                table: "Providers");

            migrationBuilder.DropColumn(
                name: "Channel",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "DeliveredAt",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "NextAttemptAt",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "SourceKey",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "State",
                table: "Outbox");
        }
    }
}
