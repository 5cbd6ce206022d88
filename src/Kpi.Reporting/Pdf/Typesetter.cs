using SkiaSharp;
using Kpi.Reporting.Fonts;

namespace Kpi.Reporting.Pdf;

/// <summary>
/// Measures, wraps and draws text in a <see cref="TextStyle"/>, and owns the native Skia fonts and paints of one
/// render (one per style, created on first use). Not shared between threads: each render makes its own.
/// </summary>
public sealed class Typesetter : IDisposable
{
    private readonly Dictionary<(bool Bold, float Size), SKFont> _fonts = new();
    private readonly Dictionary<SKColor, SKPaint> _fills = new();
    private readonly Dictionary<(SKColor Color, float Width), SKPaint> _strokes = new();

    public SKFont Font(TextStyle style)
    {
        var key = (style.Bold, style.Size);
        if (!_fonts.TryGetValue(key, out var font))
        {
            // Unhinted, subpixel, linear metrics: what is measured is exactly what the PDF places, at any zoom.
            font = new SKFont(ReportFonts.Get(style.Bold), style.Size)
            {
                Hinting = SKFontHinting.None,
                Subpixel = true,
                LinearMetrics = true,
                Edging = SKFontEdging.Antialias,
            };
            _fonts[key] = font;
        }
        return font;
    }

    public SKPaint Fill(SKColor color)
    {
        if (!_fills.TryGetValue(color, out var paint))
        {
            paint = new SKPaint { Color = color, IsAntialias = true, Style = SKPaintStyle.Fill };
            _fills[color] = paint;
        }
        return paint;
    }

    public SKPaint Stroke(SKColor color, float width)
    {
        if (!_strokes.TryGetValue((color, width), out var paint))
        {
            paint = new SKPaint { Color = color, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = width };
            _strokes[(color, width)] = paint;
        }
        return paint;
    }

    public float Measure(string text, TextStyle style) => Font(style).MeasureText(text);

    public IReadOnlyList<string> Wrap(string text, TextStyle style, float width) => LineBreaker.Wrap(text, Font(style), width);

    /// <summary>The height of <paramref name="lineCount"/> lines.</summary>
    public static float Height(TextStyle style, int lineCount) => style.LineAdvance * lineCount;

    /// <summary>Draws one line inside a box of <paramref name="width"/> whose top is <paramref name="top"/>, aligned by the style.</summary>
    public void DrawLine(SKCanvas canvas, string text, TextStyle style, float left, float top, float width, TextAlign? align = null)
    {
        if (text.Length == 0) return;
        var font = Font(style);
        var metrics = font.Metrics;
        var baseline = top + (style.LineAdvance - (metrics.Descent - metrics.Ascent)) / 2f - metrics.Ascent;
        var x = (align ?? style.Align) switch
        {
            TextAlign.Right => left + width - font.MeasureText(text),
            TextAlign.Center => left + (width - font.MeasureText(text)) / 2f,
            _ => left,
        };
        canvas.DrawText(text, x, baseline, SKTextAlign.Left, font, Fill(style.Color));
    }

    public void DrawLines(SKCanvas canvas, IReadOnlyList<string> lines, TextStyle style, float left, float top, float width, TextAlign? align = null)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            DrawLine(canvas, lines[i], style, left, top + i * style.LineAdvance, width, align);
        }
    }

    public void Dispose()
    {
        foreach (var f in _fonts.Values) f.Dispose();
        foreach (var p in _fills.Values) p.Dispose();
        foreach (var p in _strokes.Values) p.Dispose();
        _fonts.Clear();
        _fills.Clear();
        _strokes.Clear();
    }
}
