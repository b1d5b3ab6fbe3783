namespace Orchestrator.Persistence;

/// <summary>The database engines the service runs on (setting <c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>SQLite, embedded (the default): <c>Data Source=data/orchestrator.db</c>, WAL.</summary>
    Sqlite,

    /// <summary>PostgreSQL through Npgsql.</summary>
    PostgreSql,

    /// <summary>
    /// SQL Server through Microsoft.EntityFrameworkCore.SqlServer: built, its migrations generated and checked for
    /// pending model changes, but never run against a live server here (Persistence/Migrations/README.md).
    /// </summary>
    SqlServer,
}
