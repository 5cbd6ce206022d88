namespace Kpi.Reporting.Pdf;

/// <summary>
/// Labelled values in a grid (<c>分子 12,300 │ 分母 12,500</c>), <paramref name="columns"/> pairs to a row; each row
/// is placed whole. The label takes <paramref name="keyShare"/> of its pair's width and both sides wrap.
/// </summary>
public sealed class KeyValueList(
    IReadOnlyList<(string Key, string Value)> items,
    TextStyle keyStyle,
    TextStyle valueStyle,
    int columns = 2,
    float keyShare = 0.38f,
    float rowGap = 2f,
    float columnGap = 12f) : Block
{
    internal override void Layout(Typesetter typesetter, float width, List<Slice> output)
    {
        var pairWidth = (width - columnGap * (columns - 1)) / columns;
        var keyWidth = pairWidth * keyShare;
        var valueWidth = pairWidth - keyWidth - 4f;

        for (var start = 0; start < items.Count; start += columns)
        {
            var row = items.Skip(start).Take(columns)
                .Select(p => (Key: typesetter.Wrap(p.Key, keyStyle, keyWidth), Value: typesetter.Wrap(p.Value, valueStyle, valueWidth)))
                .ToList();
            var height = row.Max(p => Math.Max(Typesetter.Height(keyStyle, p.Key.Count), Typesetter.Height(valueStyle, p.Value.Count))) + rowGap;
            output.Add(new Slice
            {
                Height = height,
                Draw = (canvas, left, top) =>
                {
                    for (var i = 0; i < row.Count; i++)
                    {
                        var x = left + i * (pairWidth + columnGap);
                        // Baselines line up when the two styles differ in size: push the smaller one down.
                        var keyTop = top + Math.Max(0, valueStyle.LineAdvance - keyStyle.LineAdvance) * 0.6f;
                        typesetter.DrawLines(canvas, row[i].Key, keyStyle, x, keyTop, keyWidth);
                        typesetter.DrawLines(canvas, row[i].Value, valueStyle, x + keyWidth + 4f, top, valueWidth);
                    }
                },
            });
        }
    }
}
