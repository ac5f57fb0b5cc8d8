using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Masam.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ServiceVisitsAndVoices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Voice",
                table: "Feedback",
                type: "character varying(24)",
                maxLength: 24,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "InstallationSecrets",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Value = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InstallationSecrets", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "VisitSources",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProviderId = table.Column<int>(type: "integer", nullable: true),
                    KeyHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    KeyHint = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IssuedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevokedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    LastUsedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VisitSources", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VisitSources_Providers_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "Providers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ServiceVisits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProviderId = table.Column<int>(type: "integer", nullable: false),
                    ExternalId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ServiceLineCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    VisitedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Phone = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    PhoneHash = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    DoNotContact = table.Column<bool>(type: "boolean", nullable: false),
                    Origin = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    SourceId = table.Column<int>(type: "integer", nullable: true),
                    UploadedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PhoneKeptUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Survey = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AskedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RemindedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AnsweredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FeedbackId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceVisits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceVisits_Providers_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "Providers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ServiceVisits_VisitSources_SourceId",
                        column: x => x.SourceId,
                        principalTable: "VisitSources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_ProviderId_ReceivedMonth_Voice",
                table: "Feedback",
                columns: new[] { "ProviderId", "ReceivedMonth", "Voice" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceVisits_ExternalId_ProviderId",
                table: "ServiceVisits",
                columns: new[] { "ExternalId", "ProviderId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceVisits_PhoneHash_AskedAt",
                table: "ServiceVisits",
                columns: new[] { "PhoneHash", "AskedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceVisits_PhoneKeptUntil",
                table: "ServiceVisits",
                column: "PhoneKeptUntil");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceVisits_ProviderId",
                table: "ServiceVisits",
                column: "ProviderId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceVisits_SourceId",
                table: "ServiceVisits",
                column: "SourceId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceVisits_Survey_VisitedAt",
                table: "ServiceVisits",
                columns: new[] { "Survey", "VisitedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_VisitSources_KeyHash",
                table: "VisitSources",
                column: "KeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VisitSources_ProviderId",
                table: "VisitSources",
                column: "ProviderId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InstallationSecrets");

            migrationBuilder.DropTable(
                name: "ServiceVisits");

            migrationBuilder.DropTable(
                name: "VisitSources");

            migrationBuilder.DropIndex(
                name: "IX_Feedback_ProviderId_ReceivedMonth_Voice",
                table: "Feedback");

            migrationBuilder.DropColumn(
                name: "Voice",
                table: "Feedback");
        }
    }
}
