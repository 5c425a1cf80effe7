using Advocacy.Domain.Common;
using Advocacy.Domain.Forms;
using Advocacy.Web.Auth;
using Advocacy.Web.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Wolverine.Http;

namespace Advocacy.Web.Forms;

/// <summary>Files for gated downloads: uploaded by an Admin, handed to visitors through signed links that expire.</summary>
public static class DownloadEndpoints
{
    public const string Purpose = "download";

    [WolverinePost("/api/files"), Authorize(Policy = Policies.Admin)]
    public static async Task<IResult> Upload(HttpContext http, IDocumentStore store, TimeProvider clock)
    {
        var ct = http.RequestAborted;
        if (!http.Request.HasFormContentType)
            return ProblemResponses.InvalidField("file", "Send a multipart/form-data request with the file in the field 'file'.");
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = StoredFile.MaxBytes + (1 << 20);
        var form = await http.Request.ReadFormAsync(ct);
        if (form.Files.GetFile("file") is not { } file) return ProblemResponses.InvalidField("file", "Attach the file in the multipart field 'file'.");
        if (file.Length > StoredFile.MaxBytes)
            return Results.Problem(statusCode: 413, title: "File too large", detail: $"Files up to {StoredFile.MaxBytes >> 20} MB are accepted.");
        if (file.Length == 0) return ProblemResponses.InvalidField("file", "The file is empty.");
        var type = (file.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        if (!StoredFile.AllowedTypes.Contains(type))
            return ProblemResponses.InvalidField("file", $"Accepted types: {string.Join(", ", StoredFile.AllowedTypes)}.");

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        if (type == "application/pdf" && !bytes.AsSpan().StartsWith("%PDF-"u8))
            return ProblemResponses.InvalidField("file", "This is not a PDF file.");
        var name = Path.GetFileName(file.FileName) is { Length: > 0 and <= 200 } n ? n : "download";
        var stored = new StoredFile(Guid.CreateVersion7(), name, type, bytes.Length, bytes, http.User.ToActor().Name, clock.GetUtcNow());
        await using var session = store.LightweightSession();
        session.Insert(stored);
        await session.SaveChangesAsync(ct);
        return Results.Created($"/api/files/{stored.Id}", StoredFileInfo.Of(stored));
    }

    [WolverineGet("/downloads/{token}"), AllowAnonymous]
    public static async Task<IResult> Download(string token, IQuerySession session, LinkSigner signer, TimeProvider clock, CancellationToken ct)
    {
        var verified = await signer.VerifyAsync(Purpose, token, clock.GetUtcNow(), ct);
        if (verified.State == TokenState.Expired)
            return PublicFormEndpoints.Html(FormPage.Message("en", "This link has expired",
                "Download links work for a limited time. Go back to the form and send it again to get a fresh link."), 410);
        if (verified.State != TokenState.Valid || !Guid.TryParseExact(verified.Payload, "N", out var fileId)
            || await session.LoadAsync<StoredFile>(fileId, ct) is not { } file)
            return PublicFormEndpoints.Html(FormPage.Message("en", "Link not recognised", "This download link is not valid."), 404);
        return Results.File(file.Content, file.ContentType, file.FileName);
    }
}
