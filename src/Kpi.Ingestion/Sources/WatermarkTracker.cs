using System.Globalization;

namespace Kpi.Ingestion.Sources;

/// <summary>
/// Keeps the largest marker text seen among a pull's rows, compared as <see cref="Watermark.Compare"/> does, without
/// building a <see cref="Watermark"/> per row: at a million rows a pull, that allocation and formatting showed.
/// </summary>
internal sealed class WatermarkTracker
{
    private string? _max;
    private DateTimeOffset _maxInstant;
    private bool _allInstants = true;

    public void Offer(string text)
    {
        var at = default(DateTimeOffset);
        var isInstant = text.Length >= 10 && text[4] == '-' && text[7] == '-'
                        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at);
        if (_max is null)
        {
            (_max, _maxInstant, _allInstants) = (text, at, isInstant);
            return;
        }
        if (_allInstants && isInstant)
        {
            if (at > _maxInstant) (_max, _maxInstant) = (text, at);
            return;
        }
        _allInstants = false;
        if (Watermark.Compare(Watermark.Infer(text), Watermark.Infer(_max)) > 0) _max = text;
    }

    /// <summary>The largest marker seen, typed by its look; null when no row had one.</summary>
    public Watermark? Reached => _max is null ? null : Watermark.Infer(_max);
}
