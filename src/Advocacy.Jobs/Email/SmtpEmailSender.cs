using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Advocacy.Jobs.Email;

/// <summary>
/// Sends through an SMTP relay with MailKit. Registered as a singleton that keeps one connection
/// open between sends: a blast sends thousands of emails back to back, and connecting, TLS and
/// AUTH cost several round trips each time. A SemaphoreSlim serialises use of the connection
/// (SmtpClient is not thread-safe); pace comes from the relay's limits anyway, not from parallelism.
/// </summary>
public sealed class SmtpEmailSender(IOptions<SmtpOptions> options, TimeProvider time, ILogger<SmtpEmailSender> logger)
    : IEmailSender, IAsyncDisposable, IDisposable
{
    // Servers close idle connections silently; past this idle time a NOOP checks before sending.
    private static readonly TimeSpan IdleCheckAfter = TimeSpan.FromSeconds(10);

    private readonly SmtpOptions _options = options.Value;
    private readonly SemaphoreSlim _gate = new(1, 1);
    // The same clock-based pacer the Twilio sender uses: a newsletter to thousands stays within the provider's rate.
    private readonly Sms.Twilio.TwilioPacer _pacer = new(options.Value.MessagesPerSecond, time);
    private SmtpClient? _client;
    private DateTimeOffset _lastUsed;

    public string Name => "smtp";

    public async Task<EmailResult> SendAsync(OutgoingEmail email, CancellationToken ct)
    {
        MimeMessage message;
        try { message = EmailMessageBuilder.Build(email, _options.From, time.GetUtcNow()); }
        catch (ParseException ex) { return new EmailResult(false, null, $"Invalid address: {ex.Message}"); }

        await _pacer.WaitTurnAsync(ct);
        await _gate.WaitAsync(ct);
        try
        {
            var client = await ConnectedClientAsync(ct);
            await client.SendAsync(message, ct);
            _lastUsed = time.GetUtcNow();
            return new EmailResult(true, message.MessageId);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && SmtpFailure.From(ex) is { } failure)
        {
            // After any failure the session state is unknown: start the next send on a fresh connection.
            await DropClientAsync();
            logger.LogWarning(ex, "SMTP send of delivery {DeliveryId} failed (retryable: {Retryable}): {Error}",
                email.DeliveryId, failure.Retryable, failure.Error);
            return failure;
        }
        catch
        {
            await DropClientAsync();
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<SmtpClient> ConnectedClientAsync(CancellationToken ct)
    {
        if (_client is { IsConnected: true } reused)
        {
            if (time.GetUtcNow() - _lastUsed < IdleCheckAfter) return reused;
            try
            {
                await reused.NoOpAsync(ct);
                return reused;
            }
            catch (Exception ex) when (SmtpFailure.From(ex) is not null && !ct.IsCancellationRequested)
            {
                await DropClientAsync();
            }
        }
        else if (_client is not null)
        {
            await DropClientAsync();
        }

        var client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(_options.TimeoutSeconds).TotalMilliseconds };
        try
        {
            var host = _options.Host ?? throw new InvalidOperationException("Smtp:Host is not set; EmailRegistration picks the pickup sender then.");
            await client.ConnectAsync(host, _options.Port, SocketOptions(_options.UseTls), ct);
            if (!string.IsNullOrEmpty(_options.Username))
                await client.AuthenticateAsync(_options.Username, _options.Password ?? "", ct);
        }
        catch
        {
            client.Dispose();
            throw;
        }
        return _client = client;
    }

    private static SecureSocketOptions SocketOptions(SmtpTls tls) => tls switch
    {
        SmtpTls.None => SecureSocketOptions.None,
        SmtpTls.StartTls => SecureSocketOptions.StartTls,
        SmtpTls.Ssl => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    private async Task DropClientAsync()
    {
        if (_client is not { } client) return;
        _client = null;
        try
        {
            if (client.IsConnected)
            {
                using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await client.DisconnectAsync(quit: true, quick.Token);
            }
        }
        catch (Exception ex) when (SmtpFailure.From(ex) is not null)
        {
            // The connection is being thrown away; a failed QUIT changes nothing.
        }
        finally
        {
            client.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try { await DropClientAsync(); }
        finally { _gate.Release(); }
    }

    public void Dispose()
    {
        _client?.Dispose();
        _client = null;
    }
}
