using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orchestrator.Persistence;

namespace Orchestrator.Cases;

/// <summary>How the case tables map their columns on both providers (the migrations use the same types).</summary>
internal static class CaseColumns
{
    /// <summary>The store type of a calendar date.</summary>
    /// <param name="t">The provider's types.</param>
    public static string DateColumn(ColumnTypes t) => t.IsSqlite ? "TEXT" : "date";

    public static void Key<T>(EntityTypeBuilder<T> b, string name, ColumnTypes t)
        where T : class
    {
        b.HasKey("Id").HasName(name);
        b.Property<Guid>("Id").HasColumnName("id").HasColumnType(t.UuidColumn).ValueGeneratedNever();
    }

    public static PropertyBuilder Str(PropertyBuilder p, string column, ColumnTypes t, int max, bool nullable = false) =>
        OrchestratorModel.Str(p, column, t, max, nullable);

    public static void Text(PropertyBuilder p, string column, ColumnTypes t, bool nullable = false) =>
        OrchestratorModel.Text(p, column, t, nullable);

    public static PropertyBuilder<int> Int(PropertyBuilder<int> p, string column, ColumnTypes t) =>
        OrchestratorModel.Int(p, column, t);

    public static void Bool(PropertyBuilder<bool> p, string column, ColumnTypes t) =>
        p.HasColumnName(column).HasColumnType(t.BoolColumn);

    public static void Bool(ComplexTypePropertyBuilder<bool> p, string column, ColumnTypes t) =>
        p.HasColumnName(column).HasColumnType(t.BoolColumn);

    public static void Date(PropertyBuilder<DateOnly?> p, string column, ColumnTypes t) =>
        p.HasColumnName(column).HasColumnType(DateColumn(t));

    // The engine's tables' mapping (Persistence/OrchestratorModel): one conversion of times for every table.
    public static void Time(PropertyBuilder<DateTimeOffset> p, string column, ColumnTypes t) => OrchestratorModel.Time(p, column, t);

    public static void Time(PropertyBuilder<DateTimeOffset?> p, string column, ColumnTypes t) => OrchestratorModel.Time(p, column, t, nullable: true);
}
