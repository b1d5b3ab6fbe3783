namespace Orchestrator.Feel;

/// <summary>The kinds of FEEL values.</summary>
public enum FeelValueKind
{
    /// <summary><c>null</c>.</summary>
    Null,
    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,
    /// <summary>A decimal number.</summary>
    Number,
    /// <summary>A string.</summary>
#pragma warning disable CA1720 // The kinds are named after FEEL's types on purpose.
    String,
#pragma warning restore CA1720
    /// <summary>A calendar date.</summary>
    Date,
    /// <summary>A time of day, local or with an offset or zone.</summary>
    Time,
    /// <summary>A date and time, local or with an offset or zone.</summary>
    DateTime,
    /// <summary>A days-and-time duration.</summary>
    DaysTimeDuration,
    /// <summary>A years-and-months duration.</summary>
    YearsMonthsDuration,
    /// <summary>A list.</summary>
    List,
    /// <summary>A context (ordered name/value entries).</summary>
    Context,
    /// <summary>A range (interval).</summary>
    Range,
    /// <summary>A function.</summary>
    Function,
}
