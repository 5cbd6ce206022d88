using System.IO.Compression;
using System.Net.Http;

namespace Kpi.Ingestion.Sources.Connectors.Http;

/// <summary>
/// A page's body as the JSON parser reads it: decompressed here (gzip, deflate, br), not by the handler, so that both
/// sides can be counted. Reading past <see cref="SourceOptions.MaxPageBytes"/> decompressed bytes, or a body growing
/// more than <see cref="SourceOptions.MaxCompressionRatio"/> times its compressed size, fails the pull at once with
/// <see cref="PageTooLargeException"/>: a page is buffered whole to be parsed, so without a cap a small answer that
/// inflates to gigabytes would be held in memory whole.
/// </summary>
internal static class PageBody
{
    /// <summary>The encodings asked for with Accept-Encoding and read here.</summary>
    public const string AcceptEncoding = "gzip, deflate, br";

    public static async Task<Stream> OpenAsync(HttpResponseMessage response, SourceOptions limits, CancellationToken ct)
    {
        if (response.Content.Headers.ContentLength is { } length && length > limits.MaxPageBytes && response.Content.Headers.ContentEncoding.Count == 0)
            throw new PageTooLargeException($"its Content-Length is {length:N0} bytes, over the limit of {limits.MaxPageBytes:N0} bytes a page (Kpi:Sources:MaxPageBytes)");
        var raw = await response.Content.ReadAsStreamAsync(ct);
        var compressed = new CountingStream(raw);
        var encodings = response.Content.Headers.ContentEncoding.Where(e => !e.Equals("identity", StringComparison.OrdinalIgnoreCase)).ToList();
        Stream body = encodings.Count switch
        {
            0 => compressed,
            1 => encodings[0].ToLowerInvariant() switch
            {
                "gzip" or "x-gzip" => new GZipStream(compressed, CompressionMode.Decompress),
                // "deflate" in HTTP is the zlib format (RFC 9110), as the handler's own decompression reads it.
                "deflate" => new ZLibStream(compressed, CompressionMode.Decompress),
                "br" => new BrotliStream(compressed, CompressionMode.Decompress),
                var other => throw new PageTooLargeException($"it is compressed as '{other}', which Kpi does not read (gzip, deflate or br)"),
            },
            _ => throw new PageTooLargeException($"it is compressed several times ({string.Join(", ", encodings)}); Kpi reads one of gzip, deflate or br"),
        };
        return new CappedStream(body, encodings.Count == 0 ? null : compressed, limits.MaxPageBytes, limits.MaxCompressionRatio);
    }

    /// <summary>Counts the bytes read through it: the compressed side of a page.</summary>
    private sealed class CountingStream(Stream inner) : ReadOnlyStream(inner)
    {
        public long Count { get; private set; }

        protected override void Counted(int read) => Count += read;
    }

    /// <summary>The decompressed side: stops at the byte cap and at the ratio cap.</summary>
    private sealed class CappedStream(Stream inner, CountingStream? compressed, long maxBytes, int maxRatio) : ReadOnlyStream(inner)
    {
        private long _read;

        protected override void Counted(int read)
        {
            _read += read;
            if (_read > maxBytes)
                throw new PageTooLargeException($"it is over the limit of {maxBytes:N0} bytes a page (Kpi:Sources:MaxPageBytes)");
            if (compressed is not null && _read > SourceOptions.CompressionCheckFloorBytes && _read > (double)compressed.Count * maxRatio)
                throw new PageTooLargeException($"it inflates more than {maxRatio} times its compressed size ({compressed.Count:N0} bytes to over {_read:N0}; "
                                                + "Kpi:Sources:MaxCompressionRatio)");
        }
    }

    /// <summary>A read-only pass-through stream that is told how many bytes each read gave.</summary>
    private abstract class ReadOnlyStream(Stream inner) : Stream
    {
        protected abstract void Counted(int read);

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
            Count(await inner.ReadAsync(buffer.AsMemory(offset, count), ct));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => Count(await inner.ReadAsync(buffer, ct));

        private int Count(int read)
        {
            Counted(read);
            return read;
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

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync();
            await base.DisposeAsync();
        }
    }
}

/// <summary>A page the pull will not read whole; the message says why, to follow "GET {url} was refused: ".</summary>
internal sealed class PageTooLargeException(string reason) : Exception(reason);
