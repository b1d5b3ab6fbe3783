namespace Orchestrator.Persistence;

/// <summary>
/// The one way the service cuts a text to the length of its column (an actor id, an error message): an API key's name
/// or an outside recipient's address can be longer than a person's id, and a row must still be written.
/// </summary>
internal static class ColumnText
{
    /// <summary><paramref name="value"/>, cut to <paramref name="maxLength"/> characters when longer.</summary>
    /// <param name="value">The text.</param>
    /// <param name="maxLength">The column's length (<c>OrchestratorModel.NameLength</c>, <c>MessageLength</c>…).</param>
    public static string Fit(string value, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length <= maxLength ? value : value[..maxLength];
    }
}
