using Masam.Web.Features.Accounts;
using Masam.Web.Features.Audit;
using Masam.Web.Features.Scorecards.Import;
using Masam.Web.Infrastructure;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Visits;

/// <summary>
/// A visit file uploaded by a centre without a system of its own (CSV or XLSX, see
/// <see cref="VisitFile"/>): every row checked as the API checks a visit, the file stored whole or
/// not at all. Rows are written as they are read inside one transaction, and the transaction is
/// dropped at the end if any row was refused, so that a large file never sits in memory and a bad
/// one leaves nothing behind.
/// </summary>
public sealed class VisitImport(VisitRules rules, VisitRecorder recorder, CurrentStaff staff, AuditTrail audit, IOptions<VisitOptions> options, IStringLocalizer text)
{
    /// <summary>Refused rows named in the answer at most; the count says how many there were.</summary>
    public const int ErrorsShown = 100;

    public async Task<VisitImportResult> ImportAsync(Stream file, string fileName, VisitColumns columns, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var refused = 0;
        var rows = 0;
        IReadOnlyList<string> headers = [];
        var reporter = VisitReporter.Of(staff);
        await using var session = await recorder.BeginAsync(ct);
        var chunk = new List<ServiceVisit>(VisitRecorder.ChunkSize);
        try
        {
            await foreach (var row in Rows(file, columns, h => headers = h, ct))
            {
                if (rows == 0 && VisitFile.MissingColumns(headers, columns) is { Count: > 0 } missing)
                {
                    errors.Add("file", text["error.visitFile.columns", string.Join(", ", missing), string.Join(", ", headers)]);
                    return new VisitImportResult(0, 0, 0, 1, errors);
                }

                rows++;
                var rowErrors = new FieldErrors();
                var visit = await rules.CheckAsync(row.Report, reporter, $"rows[{row.Number}]", rowErrors, ct);
                if (row.DoNotContactUnreadable) rowErrors.Add($"rows[{row.Number}].doNotContact", text["error.visitFile.doNotContact"]);
                if (rowErrors.Any || visit is null)
                {
                    if (++refused <= ErrorsShown) errors.Add(rowErrors);
                    continue;
                }

                if (refused > 0) continue; // nothing more will be kept: only checking the rest
                chunk.Add(visit);
                if (chunk.Count == VisitRecorder.ChunkSize)
                {
                    await session.AddAsync(chunk, ct);
                    chunk.Clear();
                }
            }
        }
        catch (ExportFormatException)
        {
            errors.Add("file", text["error.visitFile.format"]);
            return new VisitImportResult(rows, 0, 0, 1, errors);
        }
        catch (System.Text.DecoderFallbackException)
        {
            errors.Add("file", text["error.visitFile.encoding"]);
            return new VisitImportResult(rows, 0, 0, 1, errors);
        }
        catch (Sylvan.Data.Csv.CsvRecordTooLargeException)
        {
            errors.Add("file", text["error.visitFile.record", ImportOptions.MaxRecordBytes / 1024]);
            return new VisitImportResult(rows, 0, 0, 1, errors);
        }

        if (rows == 0 && !errors.Any)
        {
            errors.Add("file", headers.Count == 0 ? text["error.visitFile.empty"]
                : VisitFile.MissingColumns(headers, columns) is { Count: > 0 } missing
                    ? text["error.visitFile.columns", string.Join(", ", missing), string.Join(", ", headers)]
                    : text["error.visitFile.noRows"]);
        }

        if (errors.Any)
        {
            return new VisitImportResult(rows, 0, 0, refused, errors);
        }

        await session.AddAsync(chunk, ct);
        // Saved by the commit, in the file's transaction.
        var name = UserText.Clean(fileName) is { } clean ? clean[..Math.Min(clean.Length, 100)] : "upload";
        audit.Record("visits.file", "VisitFile", name, null, new { fileName = name, rows });
        var recorded = await session.CommitAsync(ct);
        return new VisitImportResult(rows, recorded.Received, recorded.AlreadyReceived.Count, 0, errors);
    }

    private IAsyncEnumerable<VisitFileRow> Rows(Stream file, VisitColumns columns, Action<IReadOnlyList<string>> header, CancellationToken ct)
    {
        if (!VisitFile.IsWorkbook(file))
        {
            return VisitFile.ReadCsvAsync(file, columns, header, ct);
        }

        using var buffer = new MemoryStream();
        file.CopyTo(buffer);
        var limits = new ImportOptions { ImportMaxBytes = options.Value.FileMaxBytes, ImportMaxUnpackedBytes = 4 * options.Value.FileMaxBytes };
        return VisitFile.ReadWorkbook(buffer.ToArray(), limits, columns, header).ToAsyncEnumerable();
    }
}

/// <param name="Rows">Rows read (the header not counted).</param>
/// <param name="Received">Visits stored by this file.</param>
/// <param name="AlreadyReceived">Rows whose visit was stored before (or twice in the file): left as they were.</param>
/// <param name="Refused">Rows refused; with any, nothing of the file is stored.</param>
/// <param name="Errors">The problems, by row (<c>rows[12].phone</c>; the header is row 1), at most <see cref="VisitImport.ErrorsShown"/> rows.</param>
public sealed record VisitImportResult(int Rows, int Received, int AlreadyReceived, int Refused, FieldErrors Errors);
