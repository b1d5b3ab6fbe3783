using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Orchestrator.Persistence;

namespace Orchestrator.Tests.Persistence;

/// <summary>
/// Reads a live database's schema from its catalog (SQLite <c>pragma_*</c>; PostgreSQL <c>information_schema</c>,
/// <c>pg_index</c>, <c>pg_constraint</c>) and the EF model's relational shape, so that SchemaTests can compare a
/// migrated database with the model and two databases with each other.
/// </summary>
public static class SchemaCatalog
{
    /// <summary>The shape of one table as the model comparison reads it.</summary>
    /// <param name="Columns">"name type null|not null" per column.</param>
    /// <param name="PrimaryKey">The primary key's name (PostgreSQL) and columns.</param>
    /// <param name="Indexes">"name (columns) [unique]" per index.</param>
    public sealed record TableShape(List<string> Columns, string PrimaryKey, List<string> Indexes);

    /// <summary>What the model describes, per table.</summary>
    /// <param name="db">A context.</param>
    /// <param name="provider">Its provider.</param>
    public static Dictionary<string, TableShape> FromModel(OrchestratorDbContext db, DatabaseProvider provider)
    {
        var model = db.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        var result = new Dictionary<string, TableShape>(StringComparer.Ordinal);
        foreach (var table in model.Tables)
        {
            var columns = table.Columns.Select(c => $"{c.Name} {NormaliseType(c.StoreType, provider)} {(c.IsNullable ? "null" : "not null")}").ToList();
            var pk = table.PrimaryKey is { } key
                ? (provider == DatabaseProvider.Sqlite ? "" : key.Name + " ") + string.Join(",", key.Columns.Select(c => c.Name))
                : "";
            var indexes = table.Indexes.Select(i => $"{i.Name} ({string.Join(",", i.Columns.Select(c => c.Name))}){(i.IsUnique ? " unique" : "")}").ToList();
            result[table.Name] = new TableShape(columns, pk, indexes);
        }

        return result;
    }

    /// <summary>What the database holds, per table of the model's schema (PostgreSQL: <c>public</c>).</summary>
    /// <param name="db">A context on the database.</param>
    /// <param name="provider">Its provider.</param>
    public static async Task<Dictionary<string, TableShape>> FromCatalogAsync(OrchestratorDbContext db, DatabaseProvider provider)
    {
        var result = new Dictionary<string, TableShape>(StringComparer.Ordinal);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        foreach (var table in await TablesAsync(db, provider))
        {
            result[table] = provider == DatabaseProvider.Sqlite
                ? await SqliteTableAsync(connection, table)
                : await PostgresTableAsync(connection, table);
        }

        return result;
    }

    /// <summary>The user tables of the model's schema, migrations history and lock excluded.</summary>
    /// <param name="db">A context on the database.</param>
    /// <param name="provider">Its provider.</param>
    public static async Task<List<string>> TablesAsync(OrchestratorDbContext db, DatabaseProvider provider)
    {
        var sql = provider == DatabaseProvider.PostgreSql
            ? "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            : "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
        var all = await db.Database.SqlQueryRaw<string>(sql).ToListAsync();
        return [.. all.Where(t => !IsMigrationsTable(t)).Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Every object of the schema as sorted lines, in every schema of the database (PostgreSQL: <c>quartz</c> too):
    /// tables, columns with type, nullability and identity (PostgreSQL: and default), primary keys, foreign keys with
    /// their actions, indexes with their column order and direction, uniqueness. Two databases with the same lines
    /// have the same schema, whatever order their columns were added in.
    /// </summary>
    /// <param name="db">A context on the database.</param>
    /// <param name="provider">Its provider.</param>
    public static async Task<List<string>> DescribeAsync(OrchestratorDbContext db, DatabaseProvider provider)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var lines = provider == DatabaseProvider.Sqlite ? await DescribeSqliteAsync(connection) : await DescribePostgresAsync(connection);
        return [.. lines.Order(StringComparer.Ordinal)];
    }

    /// <summary>Runs a query and returns its rows.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="sql">The query.</param>
    /// <param name="parameters">Its parameters.</param>
    public static async Task<List<object?[]>> QueryAsync(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            command.Parameters.Add(p);
        }

        var rows = new List<object?[]>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>A value as invariant text.</summary>
    /// <param name="value">The value.</param>
    public static string S(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    private static bool IsMigrationsTable(string table) => table is "__EFMigrationsHistory" or "__EFMigrationsLock";

    private static string NormaliseType(string type, DatabaseProvider provider) =>
        provider == DatabaseProvider.Sqlite ? type.ToUpperInvariant() : type.ToLowerInvariant();

    private static long L(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    private static async Task<TableShape> SqliteTableAsync(DbConnection connection, string table)
    {
        // table_info: cid, name, type, notnull, dflt_value, pk
        var info = await QueryAsync(connection, $"SELECT name, type, \"notnull\", pk FROM pragma_table_info('{table}')");
        var columns = info.Select(r => $"{S(r[0])} {S(r[1]).ToUpperInvariant()} {(L(r[2]) == 1 ? "not null" : "null")}").ToList();
        var pk = string.Join(",", info.Where(r => L(r[3]) > 0).OrderBy(r => L(r[3])).Select(r => S(r[0])));
        var indexes = new List<string>();
        foreach (var index in await QueryAsync(connection, $"SELECT name, \"unique\", origin FROM pragma_index_list('{table}')"))
        {
            if (S(index[2]) == "pk")
            {
                continue;
            }

            var cols = await QueryAsync(connection, $"SELECT name FROM pragma_index_info('{S(index[0])}') ORDER BY seqno");
            indexes.Add($"{S(index[0])} ({string.Join(",", cols.Select(c => S(c[0])))}){(L(index[1]) == 1 ? " unique" : "")}");
        }

        return new TableShape(columns, pk, indexes);
    }

    private static async Task<TableShape> PostgresTableAsync(DbConnection connection, string table)
    {
        var info = await QueryAsync(connection,
            "SELECT column_name, data_type, character_maximum_length, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name = @t ORDER BY ordinal_position",
            ("t", table));
        var columns = info.Select(r =>
        {
            var type = S(r[1]);
            if (type == "character varying" && r[2] is not null)
            {
                type += "(" + S(r[2]) + ")";
            }

            return $"{S(r[0])} {type} {(S(r[3]) == "YES" ? "null" : "not null")}";
        }).ToList();
        const string indexSql = """
            SELECT i.relname, ix.indisunique, ix.indisprimary,
                   array_to_string(array(SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, ord)
                                         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord), ',')
            FROM pg_index ix
            JOIN pg_class t ON t.oid = ix.indrelid
            JOIN pg_class i ON i.oid = ix.indexrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND t.relname = @t
            """;
        var pk = "";
        var indexes = new List<string>();
        foreach (var r in await QueryAsync(connection, indexSql, ("t", table)))
        {
            if (r[2] is true)
            {
                pk = $"{S(r[0])} {S(r[3])}";
                continue;
            }

            indexes.Add($"{S(r[0])} ({S(r[3])}){(r[1] is true ? " unique" : "")}");
        }

        return new TableShape(columns, pk, indexes);
    }

    private static async Task<List<string>> DescribeSqliteAsync(DbConnection connection)
    {
        // Column defaults are left out: SQLite cannot drop a column's default, so the columns the hand-written
        // migrations added to existing tables (with a default to fill the rows there) keep it; every insert writes them.
        var lines = new List<string>();
        var tables = (await QueryAsync(connection, "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
            .Where(r => !IsMigrationsTable(S(r[0]))).ToList();
        foreach (var row in tables)
        {
            var table = S(row[0]);
            lines.Add($"table {table}{(S(row[1]).Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase) ? " autoincrement" : "")}");
            foreach (var c in await QueryAsync(connection, $"SELECT name, type, \"notnull\", pk FROM pragma_table_info('{table}')"))
            {
                lines.Add($"column {table}.{S(c[0])} {S(c[1]).ToUpperInvariant()} {(L(c[2]) == 1 ? "not null" : "null")}{(L(c[3]) > 0 ? " pk" + S(c[3]) : "")}");
            }

            foreach (var f in await QueryAsync(connection, $"SELECT id, seq, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('{table}')"))
            {
                lines.Add($"foreign key {table}#{S(f[0])}.{S(f[1])} {S(f[3])} -> {S(f[2])}.{S(f[4])} on delete {S(f[5])}");
            }

            foreach (var index in await QueryAsync(connection, $"SELECT name, \"unique\", origin FROM pragma_index_list('{table}')"))
            {
                var cols = await QueryAsync(connection, $"SELECT name, \"desc\" FROM pragma_index_xinfo('{S(index[0])}') WHERE key = 1 ORDER BY seqno");
                var name = S(index[2]) == "pk" ? "(primary key)" : S(index[0]);
                lines.Add($"index {table}.{name} ({string.Join(",", cols.Select(c => S(c[0]) + (L(c[1]) == 1 ? " desc" : "")))}){(L(index[1]) == 1 ? " unique" : "")}");
            }
        }

        return lines;
    }

    private static async Task<List<string>> DescribePostgresAsync(DbConnection connection)
    {
        const string userSchemas = "NOT IN ('pg_catalog', 'information_schema', 'pg_toast')";
        var lines = new List<string>();
        foreach (var r in await QueryAsync(connection, $"SELECT nspname FROM pg_namespace WHERE nspname {userSchemas} AND nspname NOT LIKE 'pg_temp%' AND nspname NOT LIKE 'pg_toast_temp%'"))
        {
            lines.Add($"schema {S(r[0])}");
        }

        foreach (var r in await QueryAsync(connection, $"SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema {userSchemas} AND table_type = 'BASE TABLE'"))
        {
            if (!IsMigrationsTable(S(r[1])))
            {
                lines.Add($"table {S(r[0])}.{S(r[1])}");
            }
        }

        const string columns = $"""
            SELECT table_schema, table_name, column_name, data_type, character_maximum_length, is_nullable, column_default, identity_generation
            FROM information_schema.columns WHERE table_schema {userSchemas}
            """;
        foreach (var r in await QueryAsync(connection, columns))
        {
            if (!IsMigrationsTable(S(r[1])))
            {
                lines.Add($"column {S(r[0])}.{S(r[1])}.{S(r[2])} {S(r[3])}{(r[4] is null ? "" : "(" + S(r[4]) + ")")} {(S(r[5]) == "YES" ? "null" : "not null")} default [{S(r[6])}] identity [{S(r[7])}]");
            }
        }

        const string constraints = $"""
            SELECT n.nspname, t.relname, c.conname, pg_get_constraintdef(c.oid)
            FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname {userSchemas}
            """;
        foreach (var r in await QueryAsync(connection, constraints))
        {
            if (!IsMigrationsTable(S(r[1])))
            {
                lines.Add($"constraint {S(r[0])}.{S(r[1])}.{S(r[2])} {S(r[3])}");
            }
        }

        foreach (var r in await QueryAsync(connection, $"SELECT schemaname, tablename, indexname, indexdef FROM pg_indexes WHERE schemaname {userSchemas}"))
        {
            if (!IsMigrationsTable(S(r[1])))
            {
                lines.Add($"index {S(r[0])}.{S(r[2])} {S(r[3])}");
            }
        }

        return lines;
    }
}
