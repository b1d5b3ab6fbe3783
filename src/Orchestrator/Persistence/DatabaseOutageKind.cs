namespace Orchestrator.Persistence;

/// <summary>Why the database cannot serve a request right now.</summary>
public enum DatabaseOutageKind
{
    /// <summary>The server cannot be reached, is shutting down or restarting, or refuses new work for now.</summary>
    Unreachable,

    /// <summary>The database (or its disk) is full: SQLite's <c>database or disk is full</c>, PostgreSQL's <c>disk_full</c>.</summary>
    Full,
}
