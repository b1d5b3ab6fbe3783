namespace Orchestrator.Persistence;

/// <summary>The column types of one provider.</summary>
/// <param name="Provider">The provider.</param>
public sealed record ColumnTypes(DatabaseProvider Provider)
{
    /// <summary>SQLite.</summary>
    public static ColumnTypes Sqlite { get; } = new(DatabaseProvider.Sqlite);

    /// <summary>PostgreSQL.</summary>
    public static ColumnTypes PostgreSql { get; } = new(DatabaseProvider.PostgreSql);

    /// <summary>SQL Server.</summary>
    public static ColumnTypes SqlServer { get; } = new(DatabaseProvider.SqlServer);

    /// <summary>SQLite (times as UTC ticks in INTEGER, every string TEXT).</summary>
    public bool IsSqlite => Provider == DatabaseProvider.Sqlite;

    /// <summary>SQL Server.</summary>
    public bool IsSqlServer => Provider == DatabaseProvider.SqlServer;

    /// <summary>A string of at most <paramref name="maxLength"/> characters.</summary>
    /// <param name="maxLength">The limit.</param>
    public string Varchar(int maxLength) => Provider switch
    {
        DatabaseProvider.Sqlite => "TEXT",
        DatabaseProvider.SqlServer => $"nvarchar({maxLength.ToString(System.Globalization.CultureInfo.InvariantCulture)})",
        _ => $"character varying({maxLength.ToString(System.Globalization.CultureInfo.InvariantCulture)})",
    };

    /// <summary>Unbounded text (XML, JSON documents).</summary>
    public string Text => Pick("TEXT", "text", "nvarchar(max)");

    /// <summary>A 32-bit integer.</summary>
    public string IntColumn => Pick("INTEGER", "integer", "int");

    /// <summary>A 64-bit integer.</summary>
    public string BigIntColumn => Pick("INTEGER", "bigint", "bigint");

    /// <summary>An instant: UTC ticks on SQLite (sortable, comparable in SQL), <c>timestamptz</c> on PostgreSQL, <c>datetimeoffset</c> on SQL Server.</summary>
    public string Time => Pick("INTEGER", "timestamp with time zone", "datetimeoffset");

    /// <summary>A flag (0/1 on SQLite).</summary>
    public string BoolColumn => Pick("INTEGER", "boolean", "bit");

    /// <summary>A GUID.</summary>
    public string UuidColumn => Pick("TEXT", "uuid", "uniqueidentifier");

    /// <summary>Binary content (documents).</summary>
    public string Bytes => Pick("BLOB", "bytea", "varbinary(max)");

    private string Pick(string sqlite, string postgreSql, string sqlServer) => Provider switch
    {
        DatabaseProvider.Sqlite => sqlite,
        DatabaseProvider.SqlServer => sqlServer,
        _ => postgreSql,
    };
}
