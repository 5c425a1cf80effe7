using System.Text.Json;
using Advocacy.Domain.Imports;
using Advocacy.Jobs.Imports;
using Advocacy.Web.Auth;
using Advocacy.Web.Infrastructure;
using Hangfire;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Wolverine.Http;

namespace Advocacy.Web.Imports;

public record ImportView(
    Guid Id, string Status, string FileName, int RowsRead, int Created, int Updated, int Skipped, int Failed,
    string? Error, string By, DateTimeOffset QueuedAt, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt,
    Dictionary<string, string> Mapping)
{
    public static ImportView Of(AdvocateImport i) => new(i.Id, i.Status.ToString().ToLowerInvariant(), i.FileName, i.RowsRead,
        i.Created, i.Updated, i.Skipped, i.Failed, i.Error, i.By, i.QueuedAt, i.StartedAt, i.CompletedAt,
        i.Headers.Select((h, n) => (h, f: i.Columns[n])).Where(x => x.f is not null).GroupBy(x => x.h).ToDictionary(g => g.Key, g => g.First().f!));
}

public static class ImportEndpoints
{
    /// <summary>Stores the file, checks its header and mapping, and queues the import: 202 with its id to poll.</summary>
    [WolverinePost("/api/imports/advocates"), Authorize(Policy = Policies.ManageAdvocates)]
    public static async Task<IResult> Post(HttpContext http, IDocumentStore store, IBackgroundJobClient jobs, TimeProvider clock)
    {
        var ct = http.RequestAborted;
        if (!http.Request.HasFormContentType)
            return ProblemResponses.InvalidField("file", "Send a multipart/form-data request with the CSV in the field 'file'.");
        // Kestrel's default cap (30 MB) is below ours; anything larger is refused with 413 while it is read.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = ImportFiles.MaxBytes + (1 << 20);
        var form = await http.Request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file");
        if (file is null) return ProblemResponses.InvalidField("file", "Attach the CSV in the multipart field 'file'.");
        if (file.Length > ImportFiles.MaxBytes)
            return Results.Problem(statusCode: 413, title: "File too large", detail: $"Files up to {ImportFiles.MaxBytes >> 20} MB are accepted; split this one.");
        if (file.Length == 0) return ProblemResponses.InvalidField("file", "The file is empty.");

        Dictionary<string, string?>? given = null;
        if (form["mapping"] is { Count: > 0 } mappingText && !string.IsNullOrWhiteSpace(mappingText))
        {
            try { given = JsonSerializer.Deserialize<Dictionary<string, string?>>(mappingText.ToString()); }
            catch (JsonException)
            {
                return ProblemResponses.InvalidField("mapping", "The mapping is a JSON object of column header to field, e.g. {\"Mobile No\": \"phone\"}.");
            }
        }

        var (upload, refused) = await ImportUploads.StoreAsync(store, file, http.User.ToActor().Name, clock.GetUtcNow(), ct);
        if (upload is null) return ProblemResponses.InvalidField("file", refused!);
        var id = upload.Id;
        var (columns, errors) = ImportMapping.Resolve(upload.Headers, given);
        if (errors.Count > 0)
        {
            await ImportFiles.DeleteAsync(store, id, ct);
            return Results.Problem(ProblemResponses.Invalid(errors));
        }

        await ImportUploads.QueueAsync(store, jobs, upload, columns, clock.GetUtcNow(), ct);
        return Results.Accepted($"/api/imports/{id}", new { id });
    }

    [WolverineGet("/api/imports/{id}"), Authorize(Policy = Policies.ManageAdvocates)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<AdvocateImport>(id, ct) is { } import
            ? Results.Ok(ImportView.Of(import))
            : Results.Problem(Domain.Common.Outcome.NotFound("Import", id).Problem!);

    /// <summary>The rows not imported: line, reason and the row's own cells, streamed in line order.</summary>
    [WolverineGet("/api/imports/{id}/errors"), Authorize(Policy = Policies.ManageAdvocates)]
    public static async Task<IResult> Errors(Guid id, HttpContext http, IQuerySession session)
    {
        var ct = http.RequestAborted;
        if (await session.LoadAsync<AdvocateImport>(id, ct) is not { } import)
            return Results.Problem(Domain.Common.Outcome.NotFound("Import", id).Problem!);

        await WriteErrorsAsync(http, session, import);
        return Results.Empty;
    }

    /// <summary>The error report; the import page (cookie) downloads it through the same code.</summary>
    public static async Task WriteErrorsAsync(HttpContext http, IQuerySession session, AdvocateImport import)
    {
        var ct = http.RequestAborted;
        await using var csv = CsvResponse.Start(http, $"import-{import.Id}-errors.csv");
        await csv.WriteRowAsync(["line", "reason", .. import.Headers]);
        var rows = session.Query<ImportRowError>().Where(e => e.ImportId == import.Id).OrderBy(e => e.Line).ToAsyncEnumerable(ct);
        await foreach (var error in rows) await csv.WriteRowAsync([error.Line.ToString(), error.Reason, .. error.Values]);
    }
}
