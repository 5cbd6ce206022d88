namespace Kpi.Ingestion.Sources.Connectors.Http;

/// <summary>
/// Names of query parameters and headers that carry credentials by their look (<c>password</c>, <c>access_token</c>,
/// <c>api_key</c>, <c>X-Api-Key</c>, <c>sig</c>, <c>Authorization</c>…). The URL and <c>headers</c> are shown by the
/// API and written to the audit, so such a name there is refused: it belongs in <c>secret_query</c> or
/// <c>secret_headers</c>, which are encrypted and never shown.
/// </summary>
internal static class CredentialNames
{
    // Anywhere in the name once separators are dropped: "clientSecret", "x-access-token", "private_key_id".
    private static readonly string[] Fragments =
        ["password", "passwd", "passphrase", "secret", "token", "apikey", "accesskey", "privatekey", "signature", "credential", "authorization", "cookie"];

    // As a whole word of the name only: "key" and "sig" inside "monkey" or "signal" say nothing.
    private static readonly HashSet<string> Words = new(StringComparer.Ordinal) { "key", "sig", "pwd", "pass", "auth", "jwt", "bearer", "otp", "session", "sid" };

    public static bool LooksSecret(string name)
    {
        var letters = new string([.. name.Where(char.IsAsciiLetterOrDigit)]).ToLowerInvariant();
        if (Fragments.Any(f => letters.Contains(f, StringComparison.Ordinal))) return true;
        return WordsOf(name).Any(Words.Contains);
    }

    /// <summary>"X-Api-Key" → x, api, key; "sessionId" → session, id; "page_size" → page, size.</summary>
    private static IEnumerable<string> WordsOf(string name)
    {
        var word = new List<char>();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var boundary = !char.IsAsciiLetterOrDigit(c) || (char.IsUpper(c) && i > 0 && char.IsLower(name[i - 1]));
            if (boundary && word.Count > 0)
            {
                yield return new string([.. word]).ToLowerInvariant();
                word.Clear();
            }
            if (char.IsAsciiLetterOrDigit(c)) word.Add(c);
        }
        if (word.Count > 0) yield return new string([.. word]).ToLowerInvariant();
    }
}
