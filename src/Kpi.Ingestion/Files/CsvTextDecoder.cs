using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Kpi.Ingestion.Files;

/// <summary>
/// Turns a CSV file's bytes into text, in UTF-8 (with or without BOM) or GB18030/GBK as Excel in China saves it.
/// </summary>
/// <remarks>
/// ASCII reads the same in both encodings, so nothing is decided until the first non-ASCII byte: if what follows is
/// valid UTF-8 the file is UTF-8, otherwise GB18030. That needs no second pass over a file that starts with a long
/// ASCII stretch. From then on the chosen encoding is strict: a later byte sequence it cannot decode (a file that
/// mixes encodings) refuses the file rather than importing replacement characters. UTF-8 hands over the valid text
/// before a bad sequence first, so the refusal names the line the bad bytes are on.
/// </remarks>
internal sealed class CsvTextDecoder
{
    /// <summary>GB18030: a superset of GBK and GB2312, which is what "ANSI" means to Excel on Chinese Windows.</summary>
    public const int Gb18030CodePage = 54936;

    // At least this much of the text after the first non-ASCII byte is checked before UTF-8 is believed: a short
    // run of GBK bytes can happen to be valid UTF-8; kilobytes of it practically never are.
    private const int DecisionWindow = 4096;

    // Non-ASCII bytes of valid UTF-8 (four Chinese characters) before an invalid sequence that make a file UTF-8
    // gone bad rather than GBK: GBK text passes as UTF-8 for a character now and then, hardly ever for four.
    private const int MixedFileEvidence = 12;

    private readonly Stream _stream;
    private byte[] _bytes = new byte[1 << 16];
    private int _start;
    private int _end;
    private bool _eof;
    private bool _utf8;
    private Decoder? _gb18030;
    private bool _seenText;

    public CsvTextDecoder(Stream stream) => _stream = stream;

    /// <summary>The encoding chosen, or null while the text has been pure ASCII.</summary>
    public Encoding? Encoding { get; private set; }

    /// <summary>Decodes into <paramref name="chars"/> (at least 2 long); 0 only at the end of the file.</summary>
    /// <exception cref="DecoderFallbackException">A byte sequence the chosen encoding cannot decode.</exception>
    public int Read(Span<char> chars)
    {
        while (true)
        {
            if (_start == _end)
            {
                if (_eof) return Flush(chars);
                Fill();
                continue;
            }
            var pending = _bytes.AsSpan(_start, _end - _start);
            if (Encoding is null)
            {
                if (!_seenText && pending.StartsWith("\uFEFF"u8))
                {
                    ChooseUtf8();
                    _start += 3;
                    continue;
                }
                if (pending.Length < 3 && !_eof && !_seenText) { Fill(); continue; }
                _seenText = true;
                var ascii = pending.IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
                if (ascii != 0)
                {
                    var n = Math.Min(ascii < 0 ? pending.Length : ascii, chars.Length);
                    Ascii.ToUtf16(pending[..n], chars, out var written);
                    _start += n;
                    return written;
                }
                Decide();
                continue;
            }

            if (_utf8)
            {
                var status = Utf8.ToUtf16(pending, chars, out var read, out var produced, replaceInvalidSequences: false, isFinalBlock: _eof);
                _start += read;
                if (produced > 0) return produced;
                if (status == OperationStatus.InvalidData)
                    throw new DecoderFallbackException("The bytes are not valid UTF-8.", _bytes[_start..Math.Min(_end, _start + 4)], 0);
                if (status == OperationStatus.NeedMoreData) Fill();
                continue;
            }

            _gb18030!.Convert(pending, chars, _eof, out var used, out var decoded, out _);
            _start += used;
            if (decoded > 0) return decoded;
            if (used == 0) Fill();
        }
    }

    private int Flush(Span<char> chars)
    {
        if (_gb18030 is null) return 0;
        _gb18030.Convert(ReadOnlySpan<byte>.Empty, chars, flush: true, out _, out var decoded, out _);
        return decoded;
    }

    private void Decide()
    {
        // Make sure the window is in the buffer (or the file ends first).
        while (!_eof && _end - _start < DecisionWindow) Fill();
        var window = _bytes.AsSpan(_start, _end - _start);
        var status = Utf8.ToUtf16(window, new char[window.Length], out var valid, out _, replaceInvalidSequences: false, isFinalBlock: _eof);
        // Valid UTF-8 throughout is UTF-8. So is a file whose first several Chinese characters are valid UTF-8 and
        // which goes bad later: it mixes encodings, and reading it as UTF-8 refuses it at the bad line, where reading
        // it as GB18030 could turn the UTF-8 part into wrong characters without a word.
        if (status != OperationStatus.InvalidData || NonAscii(window[..valid]) >= MixedFileEvidence) { ChooseUtf8(); return; }
        Encoding = CodePagesEncodingProvider.Instance.GetEncoding(Gb18030CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)
                   ?? throw new InvalidOperationException("The GB18030 code page is not available.");
        _gb18030 = Encoding.GetDecoder();
    }

    private static int NonAscii(ReadOnlySpan<byte> bytes)
    {
        var count = 0;
        foreach (var b in bytes)
        {
            if (b >= 0x80) count++;
        }
        return count;
    }

    private void ChooseUtf8()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        _utf8 = true;
    }

    /// <summary>Reads more bytes after the pending ones, moving those to the front and growing the buffer as needed.</summary>
    private void Fill()
    {
        if (_start > 0)
        {
            _bytes.AsSpan(_start, _end - _start).CopyTo(_bytes);
            _end -= _start;
            _start = 0;
        }
        if (_end == _bytes.Length) Array.Resize(ref _bytes, _bytes.Length * 2);
        var n = _stream.Read(_bytes, _end, _bytes.Length - _end);
        if (n == 0) _eof = true;
        _end += n;
    }
}
