using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Kpi.Domain.Records;

namespace Kpi.Ingestion.Files;

/// <summary>
/// A JSON import: an array of objects whose property names are the kind's columns. An object may leave out a column
/// (or give null) where it has no value; a property the kind does not have, or one given twice, refuses the file.
/// </summary>
/// <remarks>
/// Streamed with <see cref="Utf8JsonReader"/> over a buffer refilled from the stream, so memory stays at about one
/// object whatever the file's size. Numbers keep their exact source text (never passing through a double), true and
/// false become "true" and "false", null is absent. A row's line is the text line of its opening brace, counted
/// from the byte offset because the reader does not expose its own count.
/// </remarks>
internal sealed class JsonImportFile : ImportFile
{
    private readonly Stream _stream;
    private readonly byte[][] _utf8Names;
    private byte[] _buf = new byte[1 << 16];
    private int _start;
    private int _end;
    private bool _eof;
    private JsonReaderState _state;

    // Line counting: newlines before _countedTo (an offset in _buf) are in _linesBefore.
    private int _countedTo;
    private int _linesBefore;

    private Phase _phase = Phase.BeforeArray;
    private int _rowLine;
    private string?[]? _values;
    private List<RowError>? _errors;
    private string? _rawText;
    private int _property = -1;
    private int _skipDepth = -1;

    // The properties met in the current object, one bit per column (a kind has far fewer than 64): a property
    // given as null leaves no value behind, so values alone cannot tell a repeated property.
    private ulong _seen;

    public JsonImportFile(Stream content, string fileName, RecordKind kind, ImportFileOptions options)
        : base(fileName, kind, ImportFormat.Json, options)
    {
        _stream = content;
        _utf8Names = [.. Columns.Names.Select(Encoding.UTF8.GetBytes)];
        _state = new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        Fill();
        if (_buf.AsSpan(0, _end).StartsWith("\uFEFF"u8)) _start = _countedTo = 3;
        // Reading up to the array's opening bracket refuses at once a file that is not an array at all.
        TryReadRow(out _, stopAfterArrayStart: true);
    }

    private enum Phase { BeforeArray, InArray, InObject, SkippingElement, AfterArray }

    private protected override IEnumerable<ImportRow> ReadRowsOnce()
    {
        while (TryReadRow(out var row, stopAfterArrayStart: false)) yield return row!;
    }

    private bool TryReadRow(out ImportRow? row, bool stopAfterArrayStart)
    {
        row = null;
        while (true)
        {
            var reader = new Utf8JsonReader(_buf.AsSpan(_start, _end - _start), _eof, _state);
            var done = false;
            try
            {
                while (!done && reader.Read())
                {
                    done = Take(ref reader, out row) || (stopAfterArrayStart && _phase == Phase.InArray);
                }
            }
            catch (JsonException e)
            {
                var line = e.LineNumber is { } l ? (int)l + 1 : LineAt(_start + (int)reader.BytesConsumed);
                var reason = e.Message.Split(" LineNumber:", 2)[0].TrimEnd('.', ' ');
                throw Refuse($"it is not valid JSON: {reason}", line, e);
            }
            _start += (int)reader.BytesConsumed;
            _state = reader.CurrentState;
            if (done) return row is not null || _phase != Phase.AfterArray;
            if (_eof)
            {
                // The reader has seen the whole file; anything but the end of the array means it was cut short.
                if (_phase == Phase.AfterArray) return false;
                throw Refuse(_phase == Phase.BeforeArray ? "the file is empty" : "the file ends before its JSON array is closed", LineAt(_end));
            }
            Refill();
        }
    }

    /// <summary>Handles one token; true when it completes a row.</summary>
    private bool Take(ref Utf8JsonReader reader, out ImportRow? row)
    {
        row = null;
        var token = reader.TokenType;
        switch (_phase)
        {
            case Phase.BeforeArray:
                if (token == JsonTokenType.StartArray) { _phase = Phase.InArray; return false; }
                throw Refuse(token == JsonTokenType.StartObject
                    ? "its JSON is a single object; it must be an array of objects, one per record"
                    : "its JSON must be an array of objects, one per record", LineAt(_start + (int)reader.TokenStartIndex));

            case Phase.InArray:
                if (token == JsonTokenType.EndArray) { _phase = Phase.AfterArray; return false; }
                _rowLine = LineAt(_start + (int)reader.TokenStartIndex);
                _values = new string?[Columns.Count];
                _errors = null;
                _rawText = null;
                _property = -1;
                if (token == JsonTokenType.StartObject) { _phase = Phase.InObject; return false; }
                AddError(null, $"is {Describe(token)}, not an object with the record's columns");
                _rawText = token is JsonTokenType.StartArray ? "[…]" : Encoding.UTF8.GetString(reader.ValueSpan);
                if (token is JsonTokenType.StartArray) { _phase = Phase.SkippingElement; _skipDepth = reader.CurrentDepth; return false; }
                row = FinishRow();
                return true;

            case Phase.SkippingElement:
                if (token is JsonTokenType.EndArray && reader.CurrentDepth == _skipDepth)
                {
                    _phase = Phase.InArray;
                    _skipDepth = -1;
                    row = FinishRow();
                    return true;
                }
                return false;

            case Phase.InObject:
                if (_skipDepth >= 0)
                {
                    if (token is JsonTokenType.EndArray or JsonTokenType.EndObject && reader.CurrentDepth == _skipDepth) _skipDepth = -1;
                    return false;
                }
                switch (token)
                {
                    case JsonTokenType.PropertyName:
                        _property = FindProperty(ref reader);
                        return false;
                    case JsonTokenType.EndObject:
                        _phase = Phase.InArray;
                        row = FinishRow();
                        return true;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        AddError(Columns.Names[_property], $"is {Describe(token)}, not a single value");
                        _skipDepth = reader.CurrentDepth;
                        return false;
                    default:
                        SetValue(ref reader, token);
                        return false;
                }

            default:
                return false;
        }
    }

    private int FindProperty(ref Utf8JsonReader reader)
    {
        for (var i = 0; i < _utf8Names.Length; i++)
        {
            if (!reader.ValueTextEquals(_utf8Names[i])) continue;
            if ((_seen & (1UL << i)) != 0)
                throw Refuse($"the object starting at line {_rowLine} has the property '{Columns.Names[i]}' twice", _rowLine);
            _seen |= 1UL << i;
            return i;
        }
        var name = ReadString(ref reader);
        throw Refuse($"the object starting at line {_rowLine} has the property {ImportText.Quote(name)}, which is not a {Kind.Name()} column; expected {Columns}", _rowLine);
    }

    private void SetValue(ref Utf8JsonReader reader, JsonTokenType token)
    {
        var column = Columns.Names[_property];
        string? text = token switch
        {
            JsonTokenType.String => ReadString(ref reader).Trim(),
            // The source text exactly: 12345678901234567890.123 must not become 1.2345678901234567E+19.
            JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            _ => null,
        };
        if (text is { Length: 0 }) text = null;
        if (text is not null && text.Length > Options.MaxFieldLength)
        {
            AddError(column, $"is longer than {Options.MaxFieldLength} characters");
            return;
        }
        _values![_property] = text;
    }

    private string ReadString(ref Utf8JsonReader reader)
    {
        // JSON is UTF-8 by definition (RFC 8259); a file saved in GBK is refused rather than read as garbage.
        if (!Utf8.IsValid(reader.ValueSpan))
            throw Refuse("its text is not UTF-8; save JSON files as UTF-8", LineAt(_start + (int)reader.TokenStartIndex));
        return reader.GetString() ?? "";
    }

    private void AddError(string? column, string reason) => (_errors ??= []).Add(new RowError(_rowLine, column, reason));

    private ImportRow FinishRow()
    {
        var row = new ImportRow(_rowLine, Columns, _values!, _rawText, _errors?.ToArray());
        _values = null;
        _errors = null;
        _seen = 0;
        return row;
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    /// <summary>The 1-based text line of an offset in the buffer; offsets must not go backwards between calls.</summary>
    private int LineAt(int offset)
    {
        _linesBefore += _buf.AsSpan(_countedTo, offset - _countedTo).Count((byte)'\n');
        _countedTo = offset;
        return _linesBefore + 1;
    }

    private void Refill()
    {
        if (_start > 0)
        {
            LineAt(_start);
            _buf.AsSpan(_start, _end - _start).CopyTo(_buf);
            _end -= _start;
            _countedTo -= _start;
            _start = 0;
        }
        if (_end == _buf.Length)
        {
            // One token fills the whole buffer: grow, but not without bound.
            if (_buf.Length >= Options.MaxRecordLength)
                throw Refuse($"it holds a JSON value longer than {Options.MaxRecordLength} bytes", LineAt(_start));
            Array.Resize(ref _buf, Math.Min(_buf.Length * 2, Math.Max(Options.MaxRecordLength, _buf.Length + 1)));
        }
        Fill();
    }

    private void Fill()
    {
        var n = _stream.Read(_buf, _end, _buf.Length - _end);
        if (n == 0) _eof = true;
        _end += n;
    }
}
