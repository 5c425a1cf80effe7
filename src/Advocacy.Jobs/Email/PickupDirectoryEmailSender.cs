using Microsoft.Extensions.Options;
using MimeKit;

namespace Advocacy.Jobs.Email;

/// <summary>
/// The no-SMTP default: each email becomes <c>{yyyyMMddHHmmss}-{deliveryId}.eml</c> in a folder,
/// which any mail client opens. A re-sent delivery overwrites its earlier file, so retries never
/// show up as two emails.
/// </summary>
public sealed class PickupDirectoryEmailSender(IOptions<SmtpOptions> options, TimeProvider time) : IEmailSender
{
    private readonly SmtpOptions _options = options.Value;
    // Finding the earlier file and replacing it must not interleave for one delivery id.
    private readonly SemaphoreSlim _gate = new(1, 1);

    public string Name => "pickup";

    public string Folder => _options.PickupDirectoryFullPath;

    public async Task<EmailResult> SendAsync(OutgoingEmail email, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        MimeMessage message;
        try { message = EmailMessageBuilder.Build(email, _options.From, now); }
        catch (ParseException ex) { return new EmailResult(false, null, $"Invalid address: {ex.Message}"); }

        Directory.CreateDirectory(Folder);
        // Written under a temporary name then moved, so a reader never sees half a file.
        var temp = Path.Combine(Folder, $".{email.DeliveryId}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var file = File.Create(temp))
            {
                message.Prepare(EncodingConstraint.SevenBit);
                await message.WriteToAsync(file, ct);
            }

            await _gate.WaitAsync(ct);
            try
            {
                var path = FileFor(email.DeliveryId) ?? Path.Combine(Folder, $"{now:yyyyMMddHHmmss}-{email.DeliveryId}.eml");
                File.Move(temp, path, overwrite: true);
                return new EmailResult(true, message.MessageId);
            }
            finally
            {
                _gate.Release();
            }
        }
        finally
        {
            File.Delete(temp); // nothing left to delete after a successful move
        }
    }

    /// <summary>The file already written for this delivery, if any.</summary>
    public string? FileFor(Guid deliveryId) =>
        Directory.Exists(Folder)
            ? Directory.EnumerateFiles(Folder, $"*-{deliveryId}.eml").Order().FirstOrDefault()
            : null;
}
