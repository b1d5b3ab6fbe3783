using Microsoft.EntityFrameworkCore;

namespace Orchestrator.Cases;

/// <summary>Checks staged case rows against their columns' lengths before they are written.</summary>
internal static class CaseLengths
{
    /// <summary>
    /// Throws <see cref="CaseInputException"/> naming the first text that is longer than its column allows (PostgreSQL
    /// would refuse it with a bare error, SQLite would store it whole): the request is answered 400 and nothing is written.
    /// </summary>
    /// <param name="db">The context with the staged rows.</param>
    public static void Check(DbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            foreach (var property in entry.Properties)
            {
                if (property.Metadata.GetMaxLength() is { } max && property.CurrentValue is string text && text.Length > max)
                {
                    var field = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(property.Metadata.Name);
                    throw new CaseInputException(field, $"is {text.Length} characters long; at most {max} are kept.");
                }
            }
        }
    }
}
