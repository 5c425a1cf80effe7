using System.Text;
using Marten;
using Npgsql;

namespace Advocacy.Domain.Imports;

/// <summary>
/// Uploaded files live in PostgreSQL (the one thing every node and CI share), in 1 MiB chunks, written and read
/// as streams: neither the upload nor the import holds a whole file in memory.
/// </summary>
public static class ImportFiles
{
    public const string Table = "import_file_chunks";
    public const int ChunkBytes = 1 << 20;
    public const long MaxBytes = 50L << 20;
    public const string Utf8 = "utf-8", Utf16 = "utf-16", Windows1252 = "windows-1252";

    /// <summary>What the upload showed: its size, its encoding (a BOM; else valid UTF-8; else Windows-1252) and its first bytes.</summary>
    /// <see cref="Lines"/>: line breaks counted as the bytes went by, for a progress bar (a quoted cell may hold one too).
    public sealed record Stored(long Bytes, string Encoding, byte[] Head, int Lines = 0);

    public static async Task<Stored> SaveAsync(IDocumentStore store, Guid importId, Stream source, CancellationToken ct)
    {
        await using var conn = store.Storage.Database.CreateConnection();
        await conn.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var strict = new UTF8Encoding(false, true).GetDecoder();
        var validUtf8 = true;
        var buffer = new byte[ChunkBytes];
        byte[]? head = null;
        long total = 0;
        var lines = 0;
        for (var seq = 0; ; seq++)
        {
            var n = await source.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
            if (n == 0) break;
            total += n;
            lines += buffer.AsSpan(0, n).Count((byte)'\n');
            head ??= buffer[..Math.Min(n, 64 * 1024)];
            if (validUtf8)
            {
                try { strict.GetCharCount(buffer, 0, n, flush: n < buffer.Length); }
                catch (DecoderFallbackException) { validUtf8 = false; }
            }
            await using var insert = new NpgsqlCommand($"insert into {Schema(store)}.{Table} (import_id, seq, data) values ($1, $2, $3)", conn, tx);
            insert.Parameters.Add(new() { Value = importId });
            insert.Parameters.Add(new() { Value = seq });
            insert.Parameters.Add(new() { Value = n == buffer.Length ? buffer : buffer[..n] });
            await insert.ExecuteNonQueryAsync(ct);
            if (n < buffer.Length) break;
        }
        await tx.CommitAsync(ct);
        head ??= [];
        var encoding = head switch
        {
            [0xEF, 0xBB, 0xBF, ..] => Utf8,
            [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..] => Utf16,
            _ => validUtf8 ? Utf8 : Windows1252,
        };
        return new Stored(total, encoding, head, lines);
    }

    public static async Task DeleteAsync(IDocumentStore store, Guid importId, CancellationToken ct)
    {
        await using var conn = store.Storage.Database.CreateConnection();
        await conn.OpenAsync(ct);
        await using var delete = new NpgsqlCommand($"delete from {Schema(store)}.{Table} where import_id = $1", conn);
        delete.Parameters.Add(new() { Value = importId });
        await delete.ExecuteNonQueryAsync(ct);
    }

    public static Encoding EncodingOf(string name) => name switch
    {
        Windows1252 => CodePagesEncodingProvider.Instance.GetEncoding(1252)!,
        Utf16 => Encoding.Unicode, // the reader follows the BOM (little- or big-endian)
        _ => new UTF8Encoding(false),
    };

    /// <summary>A reader of the text: the encoding's BOM, if any, is skipped.</summary>
    public static TextReader Text(Stream bytes, string encoding) => new StreamReader(bytes, EncodingOf(encoding), detectEncodingFromByteOrderMarks: true);

    /// <summary>The records of the stored bytes, decoded as they stream (UTF-8 and UTF-16 are told by the bytes themselves).</summary>
    public static CsvRecordReader Records(Stream bytes, string encoding, char delimiter) =>
        new(bytes, encoding == Windows1252 ? EncodingOf(encoding) : null, delimiter);

    /// <summary>The header row and the delimiter, from the first bytes; null when there is no header at all.</summary>
    public static (char Delimiter, string[] Headers)? Header(Stored stored)
    {
        using var text = Text(new MemoryStream(stored.Head), stored.Encoding);
        var prefix = text.ReadToEnd();
        var firstLine = prefix.TrimStart('\r', '\n', ' ', '\t');
        var delimiter = CsvRecordReader.DetectDelimiter(firstLine);
        using var reader = new CsvRecordReader(new StringReader(prefix), delimiter);
        var header = reader.Read();
        return header is null ? null : (delimiter, header.Fields.Select(h => h.Trim()).ToArray());
    }

    public static Stream Open(IDocumentStore store, Guid importId) => new ChunkStream(store, importId);

    private static string Schema(IDocumentStore store) => store.Options.DatabaseSchemaName;

    /// <summary>Reads the chunks in order, one query each, holding one chunk at a time.</summary>
    private sealed class ChunkStream(IDocumentStore store, Guid importId) : Stream
    {
        private NpgsqlConnection? _conn;
        private byte[] _chunk = [];
        private int _pos, _seq;
        private bool _done;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_pos == _chunk.Length && !_done) Load();
            var n = Math.Min(count, _chunk.Length - _pos);
            Array.Copy(_chunk, _pos, buffer, offset, n);
            _pos += n;
            return n;
        }

        private void Load()
        {
            if (_conn is null)
            {
                _conn = store.Storage.Database.CreateConnection();
                _conn.Open();
            }
            using var select = new NpgsqlCommand($"select data from {Schema(store)}.{Table} where import_id = $1 and seq = $2", _conn);
            select.Parameters.Add(new() { Value = importId });
            select.Parameters.Add(new() { Value = _seq++ });
            _chunk = select.ExecuteScalar() as byte[] ?? [];
            _pos = 0;
            _done = _chunk.Length == 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _conn?.Dispose();
            base.Dispose(disposing);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
