namespace Kpi.Storage.Records;

/// <summary>Enum values as the lower-case words the import contract and the tables use.</summary>
public static class Names
{
    public static string Of<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
    public static T Parse<T>(string text) where T : struct, Enum => Enum.Parse<T>(text, ignoreCase: true);
}
