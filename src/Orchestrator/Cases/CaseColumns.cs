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
        p.HasColumnName(column).HasColumnType(t.Varchar(max)).HasMaxLength(max).IsRequired(!nullable);

    public static void Text(PropertyBuilder p, string column, ColumnTypes t, bool nullable = false) =>
        p.HasColumnName(column).HasColumnType(t.Text).IsRequired(!nullable);

    public static PropertyBuilder<int> Int(PropertyBuilder<int> p, string column, ColumnTypes t) =>
        p.HasColumnName(column).HasColumnType(t.IntColumn);

    public static void Bool(PropertyBuilder<bool> p, string column, ColumnTypes t) =>
        p.HasColumnName(column).HasColumnType(t.BoolColumn);

    public static void Bool(ComplexTypePropertyBuilder<bool> p, string column, ColumnTypes t) =>
        p.HasColumnName(column).HasColumnType(t.BoolColumn);

    public static void Date(PropertyBuilder<DateOnly?> p, string column, ColumnTypes t) =>
        p.HasColumnName(column).HasColumnType(DateColumn(t));

    public static void Time(PropertyBuilder<DateTimeOffset> p, string column, ColumnTypes t)
    {
        p.HasColumnName(column).HasColumnType(t.Time);
        if (t.IsSqlite)
        {
            p.HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        }
        else
        {
            p.HasConversion(v => v.ToUniversalTime(), v => v);
        }
    }

    public static void Time(PropertyBuilder<DateTimeOffset?> p, string column, ColumnTypes t)
    {
        p.HasColumnName(column).HasColumnType(t.Time).IsRequired(false);
        if (t.IsSqlite)
        {
            p.HasConversion(v => v.HasValue ? v.Value.UtcTicks : (long?)null, v => v.HasValue ? new DateTimeOffset(v.Value, TimeSpan.Zero) : null);
        }
        else
        {
            p.HasConversion(v => v.HasValue ? v.Value.ToUniversalTime() : v, v => v);
        }
    }
}
