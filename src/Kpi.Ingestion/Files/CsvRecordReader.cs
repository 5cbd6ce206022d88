namespace Kpi.Ingestion.Files;

/// <summary>
/// Splits CSV text into records (RFC 4180): quoted fields, doubled quotes, commas and line breaks inside quotes,
/// CRLF, LF or a lone CR between records. Unquoted fields are trimmed; quoted ones are kept as written.
/// It knows nothing of headers or kinds; it reports where each record starts and the first problem in it.
/// </summary>
/// <remarks>
/// Built for a million rows in well under a second: fields are found with vectorised searches over a reused
/// character buffer, and a record is parsed only once it is whole in that buffer (a record cut by the buffer's end
/// is parsed again after a refill, which happens once per 64K characters). A record longer than the limit is never
/// held: it is skipped with a character-by-character scan that still honours its quotes.
/// </remarks>
internal sealed class CsvRecordReader
{
    private const int InitialBufferLength = 1 << 16;
    private const int MinFreeSpace = 1024;
    private const string Ellipsis = " …";

    private readonly CsvTextDecoder _text;
    private readonly int _maxFieldLength;
    private readonly int _maxRecordLength;
    private char[] _buf = new char[InitialBufferLength];
    private int _pos;
    private int _len;
    private bool _eof;
    private int _nextLine = 1;
    private string?[] _fields = new string?[16];

    public CsvRecordReader(CsvTextDecoder text, int maxFieldLength, int maxRecordLength)
    {
        _text = text;
        _maxFieldLength = maxFieldLength;
        _maxRecordLength = Math.Max(maxRecordLength, 1024);
    }

    /// <summary>The physical line (1-based) where the current record starts.</summary>
    public int Line { get; private set; }

    /// <summary>The line the next record would start on: where reading has got to.</summary>
    public int NextLine => _nextLine;

    public int FieldCount { get; private set; }

    /// <summary>The current record's fields; an entry is null where the field is empty or was refused (too long).</summary>
    public ReadOnlySpan<string?> Fields => _fields.AsSpan(0, FieldCount);

    /// <summary>The current record as written, without its line break (cut short, with an ellipsis, past the field limit).</summary>
    public string RawText { get; private set; } = "";

    /// <summary>The first problem of the current record, or null.</summary>
    public string? Problem { get; private set; }

    /// <summary>The 0-based field the <see cref="Problem"/> is in, or -1 for the record as a whole.</summary>
    public int ProblemField { get; private set; }

    /// <summary>Moves to the next record; false at the end of the text.</summary>
    /// <exception cref="System.Text.DecoderFallbackException">The bytes stop being valid in the file's encoding.</exception>
    public bool Read()
    {
        while (true)
        {
            var span = _buf.AsSpan(_pos, _len - _pos);
            if (span.IsEmpty && _eof) return false;
            if (!span.IsEmpty)
            {
                // A record must end within the limit, whether or not more of it happens to be in the buffer.
                var window = span.Length > _maxRecordLength ? span[.._maxRecordLength] : span;
                var consumed = TryParse(window, _eof && window.Length == span.Length);
                if (consumed > 0)
                {
                    _pos += consumed;
                    return true;
                }
                if (span.Length >= _maxRecordLength)
                {
                    SkipLongRecord();
                    return true;
                }
            }
            Refill();
        }
    }

    private void Refill()
    {
        if (_pos > 0)
        {
            _buf.AsSpan(_pos, _len - _pos).CopyTo(_buf);
            _len -= _pos;
            _pos = 0;
        }
        // Keep room to decode into (a character may need two UTF-16 units); a record cut by the end grows the buffer
        // up to the record limit.
        if (_buf.Length - _len < MinFreeSpace) Array.Resize(ref _buf, Math.Min(_buf.Length * 2, _maxRecordLength + InitialBufferLength));
        var n = _text.Read(_buf.AsSpan(_len));
        if (n == 0) _eof = true;
        _len += n;
    }

    /// <summary>Parses one record at the start of <paramref name="s"/>; returns the characters it took, or 0 when it is not whole yet.</summary>
    private int TryParse(ReadOnlySpan<char> s, bool final)
    {
        var n = s.Length;
        var i = 0;
        var fieldCount = 0;
        var lineBreaks = 0;
        var rawEnd = -1;
        Problem = null;
        ProblemField = -1;

        while (true)
        {
            var j = i;
            while (j < n && s[j] is ' ' or '\t') j++;
            string? value;
            if (j < n && s[j] == '"')
            {
                var k = j + 1;
                var escaped = false;
                int close;
                while (true)
                {
                    var q = s[k..].IndexOf('"');
                    if (q < 0)
                    {
                        if (!final) return 0;
                        close = n;
                        Fail("a quoted field is not closed before the end of the file", fieldCount);
                        break;
                    }
                    q += k;
                    if (q + 1 < n && s[q + 1] == '"') { escaped = true; k = q + 2; continue; }
                    if (q + 1 == n && !final) return 0;
                    close = q;
                    break;
                }
                var content = s[(j + 1)..close];
                lineBreaks += CountLineBreaks(content);
                value = Materialize(content, escaped, fieldCount);
                i = Math.Min(close + 1, n);
                while (i < n && s[i] is ' ' or '\t') i++;
                if (i < n && s[i] is not (',' or '\r' or '\n'))
                {
                    Fail("has text after its closing quote", fieldCount);
                    var rest = s[i..].IndexOfAny(',', '\r', '\n');
                    if (rest < 0 && !final) return 0;
                    i = rest < 0 ? n : i + rest;
                }
            }
            else
            {
                var end = s[i..].IndexOfAny(',', '\r', '\n');
                if (end < 0 && !final) return 0;
                end = end < 0 ? n : i + end;
                value = Materialize(s[i..end].Trim(), false, fieldCount);
                i = end;
            }

            if (fieldCount == _fields.Length) Array.Resize(ref _fields, _fields.Length * 2);
            _fields[fieldCount++] = value;

            if (i == n) { rawEnd = n; break; }
            var c = s[i];
            if (c == ',')
            {
                i++;
                if (i == n && !final) return 0;
                continue;
            }
            rawEnd = i;
            if (c == '\r')
            {
                if (i + 1 == n && !final) return 0;
                i += i + 1 < n && s[i + 1] == '\n' ? 2 : 1;
            }
            else
            {
                i++;
            }
            lineBreaks++;
            break;
        }

        FieldCount = fieldCount;
        Line = _nextLine;
        _nextLine += lineBreaks;
        RawText = Cut(s[..rawEnd]);
        return i;
    }

    private string? Materialize(ReadOnlySpan<char> content, bool escaped, int field)
    {
        // Doubled quotes only shorten the text, so the raw length bounds the value's length.
        if (content.Length > _maxFieldLength && (!escaped || content.ToString().Replace("\"\"", "\"").Length > _maxFieldLength))
        {
            Fail($"is longer than {_maxFieldLength} characters", field);
            return null;
        }
        if (content.IsEmpty) return null;
        return escaped ? content.ToString().Replace("\"\"", "\"") : new string(content);
    }

    private void Fail(string problem, int field)
    {
        if (Problem is not null) return;
        Problem = problem;
        ProblemField = field;
    }

    private string Cut(ReadOnlySpan<char> raw) =>
        raw.Length <= _maxFieldLength ? new string(raw) : string.Concat(raw[.._maxFieldLength], Ellipsis);

    /// <summary>
    /// Steps over a record too long to hold, honouring quotes so that a line break inside them does not end it,
    /// and keeps only its beginning for the rejected-rows file.
    /// </summary>
    private void SkipLongRecord()
    {
        var start = Cut(_buf.AsSpan(_pos, Math.Min(_len - _pos, _maxFieldLength + 1)));
        Line = _nextLine;
        var atFieldStart = true;
        var inQuotes = false;
        var quotePending = false;
        var pendingCr = false;
        var previous = '\0';
        while (true)
        {
            if (_pos == _len)
            {
                _pos = _len = 0;
                if (_eof) break;
                Refill();
                continue;
            }
            var c = _buf[_pos];
            if (pendingCr)
            {
                if (c == '\n') _pos++;
                break;
            }
            _pos++;
            if (inQuotes)
            {
                if (quotePending)
                {
                    quotePending = false;
                    if (c == '"') { previous = c; continue; }
                    inQuotes = false;
                }
                else
                {
                    // A line break inside quotes is CR, LF or CRLF; counting CR, and LF unless it follows a CR,
                    // counts each once even when a refill falls between the two.
                    if (c == '"') quotePending = true;
                    else if (c == '\r' || (c == '\n' && previous != '\r')) _nextLine++;
                    previous = c;
                    continue;
                }
            }
            previous = c;
            if (c == ',') { atFieldStart = true; continue; }
            if (c == '\n') break;
            if (c == '\r') { pendingCr = true; continue; }
            if (atFieldStart && c == '"') { inQuotes = true; atFieldStart = false; continue; }
            if (c is not (' ' or '\t')) atFieldStart = false;
        }
        _nextLine++;
        FieldCount = 0;
        RawText = start;
        Problem = $"the record is longer than {_maxRecordLength} characters";
        ProblemField = -1;
    }

    private static int CountLineBreaks(ReadOnlySpan<char> text)
    {
        if (text.IndexOfAny('\r', '\n') < 0) return 0;
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n') count++;
            else if (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')) count++;
        }
        return count;
    }
}
