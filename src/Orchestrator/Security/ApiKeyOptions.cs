namespace Orchestrator.Security;

/// <summary>One API key: <c>{"name","key","roles":[…]}</c>.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>The program's name; it is the actor id in history and logs (<c>apikey:NAME</c>).</summary>
    public string Name { get; init; } = "";

    /// <summary>
    /// The key: the secret itself, or <c>sha256:HEX</c> (the lowercase or uppercase hex SHA-256 of the secret) so that
    /// the configuration need not hold the secret.
    /// </summary>
    public string Key { get; init; } = "";

    /// <summary>The roles the program acts with (names of <see cref="Roles"/>).</summary>
    public IList<string> Roles { get; init; } = [];
}
