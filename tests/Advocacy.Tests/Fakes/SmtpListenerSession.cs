using System.Text;

namespace Advocacy.Tests.Fakes;

/// <summary>The RFC 5321 conversation for one connection of <see cref="SmtpListener"/>.</summary>
internal sealed class SmtpSession(SmtpListener server, Stream stream, CancellationToken ct)
{
    private readonly SmtpLineReader _reader = new(stream);
    private string? _from;
    private readonly List<string> _to = [];

    public async Task RunAsync()
    {
        await ReplyAsync("220 localhost ESMTP SmtpListener ready");
        while (await _reader.ReadLineAsync(ct) is { } bytes)
        {
            var line = Encoding.UTF8.GetString(bytes);
            var space = line.IndexOf(' ');
            var verb = (space < 0 ? line : line[..space]).ToUpperInvariant();
            var argument = space < 0 ? "" : line[(space + 1)..];
            switch (verb)
            {
                case "EHLO": ResetTransaction(); await ReplyAsync(EhloReply()); break;
                case "HELO": ResetTransaction(); await ReplyAsync("250 localhost"); break;
                case "AUTH": await AuthenticateAsync(argument); break;
                case "MAIL": await MailAsync(argument); break;
                case "RCPT": await RcptAsync(argument); break;
                case "DATA": await DataAsync(); break;
                case "RSET": ResetTransaction(); await ReplyAsync("250 2.0.0 OK"); break;
                case "NOOP": await ReplyAsync("250 2.0.0 OK"); break;
                case "QUIT": await ReplyAsync("221 2.0.0 Bye"); return;
                default: await ReplyAsync("502 5.5.2 Command not recognised"); break;
            }
        }
    }

    private string EhloReply()
    {
        List<string> extensions = ["localhost greets you", "SIZE 10485760", "8BITMIME"];
        if (server.AuthMechanisms is { } mechanisms) extensions.Add($"AUTH {mechanisms}");
        return string.Join("\r\n", extensions.Select((e, i) => (i == extensions.Count - 1 ? "250 " : "250-") + e));
    }

    private async Task AuthenticateAsync(string argument)
    {
        var parts = argument.Split(' ', 2);
        var mechanism = parts[0].ToUpperInvariant();
        var initial = parts.Length > 1 ? parts[1] : null;
        if (server.AuthMechanisms?.Split(' ').Contains(mechanism, StringComparer.OrdinalIgnoreCase) != true)
        {
            await ReplyAsync("504 5.5.4 Unrecognised authentication type");
            return;
        }

        SmtpLogin? login = null;
        if (mechanism == "PLAIN")
        {
            // authzid \0 authcid \0 password
            var fields = Decode(initial ?? await ChallengeAsync("")).Split('\0');
            if (fields.Length == 3) login = new SmtpLogin(mechanism, fields[1], fields[2]);
        }
        else if (mechanism == "LOGIN")
        {
            var user = Decode(initial ?? await ChallengeAsync("Username:"));
            login = new SmtpLogin(mechanism, user, Decode(await ChallengeAsync("Password:")));
        }

        if (login is null)
        {
            await ReplyAsync("501 5.5.2 Malformed authentication response");
            return;
        }
        server.Record(login);
        await ReplyAsync("235 2.7.0 Authentication successful");
    }

    private async Task<string> ChallengeAsync(string prompt)
    {
        await ReplyAsync("334 " + Convert.ToBase64String(Encoding.UTF8.GetBytes(prompt)));
        return Encoding.UTF8.GetString(await _reader.ReadLineAsync(ct) ?? throw new IOException("Client hung up during AUTH"));
    }

    private static string Decode(string base64) => Encoding.UTF8.GetString(Convert.FromBase64String(base64.Trim()));

    private async Task MailAsync(string argument)
    {
        if (_from is not null) { await ReplyAsync("503 5.5.1 Nested MAIL command"); return; }
        _from = Address(argument);
        await ReplyAsync("250 2.1.0 Sender OK");
    }

    private async Task RcptAsync(string argument)
    {
        if (_from is null) { await ReplyAsync("503 5.5.1 MAIL first"); return; }
        var address = Address(argument);
        if (server.RecipientReply(address) is { } refusal) { await ReplyAsync(refusal); return; }
        _to.Add(address);
        await ReplyAsync("250 2.1.5 Recipient OK");
    }

    private async Task DataAsync()
    {
        if (_to.Count == 0) { await ReplyAsync("503 5.5.1 No valid recipients"); return; }
        if (server.TakeDataReply() is { } refusal)
        {
            ResetTransaction();
            await ReplyAsync(refusal);
            return;
        }

        await ReplyAsync("354 End data with <CR><LF>.<CR><LF>");
        using var data = new MemoryStream();
        while (await _reader.ReadLineAsync(ct) is { } line)
        {
            if (line is [(byte)'.']) break;
            // Dot-unstuffing (RFC 5321 4.5.2): a leading dot was doubled by the client.
            var content = line is [(byte)'.', ..] ? line.AsSpan(1) : line;
            data.Write(content);
            data.Write("\r\n"u8);
        }

        server.Record(new ReceivedEmail(_from!, [.. _to], data.ToArray()));
        ResetTransaction();
        await ReplyAsync("250 2.0.0 OK queued");
    }

    private static string Address(string argument)
    {
        // "FROM:<a@b> BODY=8BITMIME" or "TO:<a@b>"
        var start = argument.IndexOf('<');
        var end = argument.IndexOf('>', start + 1);
        return start < 0 || end < 0 ? argument[(argument.IndexOf(':') + 1)..].Trim() : argument[(start + 1)..end];
    }

    private void ResetTransaction()
    {
        _from = null;
        _to.Clear();
    }

    private async Task ReplyAsync(string reply)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(reply + "\r\n"), ct);
        await stream.FlushAsync(ct);
    }
}

/// <summary>Reads CRLF-terminated lines as bytes, so message data keeps its exact octets.</summary>
internal sealed class SmtpLineReader(Stream stream)
{
    private readonly byte[] _buffer = new byte[8192];
    private int _position, _length;

    public async Task<byte[]?> ReadLineAsync(CancellationToken ct)
    {
        var line = new MemoryStream();
        while (true)
        {
            if (_position == _length)
            {
                _length = await stream.ReadAsync(_buffer, ct);
                _position = 0;
                if (_length == 0) return null;
            }
            var b = _buffer[_position++];
            if (b == '\n' && line.Length > 0 && line.GetBuffer()[line.Length - 1] == '\r')
                return line.GetBuffer().AsSpan(0, (int)line.Length - 1).ToArray();
            line.WriteByte(b);
        }
    }
}
