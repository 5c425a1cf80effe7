using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace Advocacy.Tests.Fakes;

/// <summary>
/// A real, minimal SMTP server on 127.0.0.1 (RFC 5321 without TLS or pipelining), so the SMTP sender
/// is tested over the wire with MailKit rather than against a mock. Records every accepted message
/// and login; failures are programmed per recipient or for the next DATA.
/// </summary>
public sealed class SmtpListener : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<(TcpClient Client, Task Session)> _sessions = [];
    private readonly Lock _lock = new();
    private readonly List<ReceivedEmail> _messages = [];
    private readonly List<SmtpLogin> _logins = [];
    private readonly Dictionary<string, string> _recipientReplies = new(StringComparer.OrdinalIgnoreCase);
    private readonly Queue<string> _dataReplies = new();
    private readonly Task _accepting;
    private int _connections;

    /// <param name="authMechanisms">Advertised in EHLO, e.g. "PLAIN LOGIN"; null offers no AUTH.</param>
    public SmtpListener(string? authMechanisms = null)
    {
        AuthMechanisms = authMechanisms;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }
    public string? AuthMechanisms { get; }
    public int Connections => Volatile.Read(ref _connections);
    public IReadOnlyList<ReceivedEmail> Messages { get { lock (_lock) return [.. _messages]; } }
    public IReadOnlyList<SmtpLogin> Logins { get { lock (_lock) return [.. _logins]; } }

    /// <summary>Answers RCPT TO for this address with <paramref name="reply"/> (every time, until Reset).</summary>
    public void RejectRecipient(string address, string reply = "550 5.1.1 Mailbox unavailable")
    {
        lock (_lock) _recipientReplies[address] = reply;
    }

    /// <summary>Answers the next DATA command with <paramref name="reply"/> instead of 354, once.</summary>
    public void RefuseNextData(string reply = "451 4.3.0 Temporary local problem, try again later")
    {
        lock (_lock) _dataReplies.Enqueue(reply);
    }

    /// <summary>Closes every open connection without a word, as servers do with idle clients.</summary>
    public void DropConnections()
    {
        foreach (var (client, _) in _sessions) client.Close();
    }

    public void Reset()
    {
        lock (_lock)
        {
            _messages.Clear();
            _logins.Clear();
            _recipientReplies.Clear();
            _dataReplies.Clear();
        }
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            Interlocked.Increment(ref _connections);
            _sessions.Add((client, Task.Run(() => ServeAsync(client))));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            await new SmtpSession(this, client.GetStream(), _stop.Token).RunAsync();
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client hung up or the listener is stopping.
        }
    }

    internal string? RecipientReply(string address) { lock (_lock) return _recipientReplies.GetValueOrDefault(address); }
    internal string? TakeDataReply() { lock (_lock) return _dataReplies.TryDequeue(out var r) ? r : null; }
    internal void Record(ReceivedEmail email) { lock (_lock) _messages.Add(email); }
    internal void Record(SmtpLogin login) { lock (_lock) _logins.Add(login); }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (var (client, _) in _sessions) client.Close();
        await _accepting;
        await Task.WhenAll(_sessions.Select(s => s.Session));
        _stop.Dispose();
    }
}

/// <summary>One accepted message: the SMTP envelope and the data as received (dot-unstuffed).</summary>
public sealed record ReceivedEmail(string MailFrom, IReadOnlyList<string> RcptTo, byte[] Raw)
{
    public MimeMessage Message { get; } = MimeMessage.Load(new MemoryStream(Raw));
    public string RawText => Encoding.UTF8.GetString(Raw);
}

public sealed record SmtpLogin(string Mechanism, string Username, string Password);
