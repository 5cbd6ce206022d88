namespace Kpi.Jobs.Close;

/// <summary>
/// A step of the close (the freeze, a pack's rendering and storing) that failed, with a message that says why: the
/// messages of the exception and its causes. The outermost alone often says nothing — EF Core's "An error occurred
/// while saving the entity changes" or "likely due to a transient failure" — while a cause says "database or disk is
/// full" or "terminating connection due to administrator command". Hangfire shows this message as the job's failure
/// and the reason of its retry.
/// </summary>
public sealed class CloseFailedException(string message, Exception inner) : Exception(message, inner)
{
    /// <param name="step">What failed, as the start of a sentence: "The close of 2026-10".</param>
    public static CloseFailedException Of(string step, Exception e) => new($"{step} failed: {Describe(e)}", e);

    /// <summary>The messages of an exception and its causes, each once, joined by ": ".</summary>
    public static string Describe(Exception e)
    {
        var parts = new List<string>();
        for (var x = e; x is not null; x = x.InnerException)
        {
            var message = x.Message.TrimEnd('.');
            if (!parts.Any(p => p.Contains(message, StringComparison.Ordinal))) parts.Add(message);
        }
        var text = string.Join(": ", parts);
        return text.Length <= 2000 ? text : text[..2000];
    }
}
