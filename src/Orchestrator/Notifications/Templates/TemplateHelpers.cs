using System.Globalization;
using HandlebarsDotNet;

namespace Orchestrator.Notifications.Templates;

/// <summary>
/// The helpers templates may call: <c>{{date x}}</c>, <c>{{datetime x}}</c> (in the organisation's zone and the
/// language being rendered; a <c>yyyy-MM-dd</c> calendar date is shown as that day, unshifted; ISO 8601 and FEEL's
/// <c>…@Zone/Id</c> date-times are read) and <c>{{#if (eq a "b")}}</c>.
/// </summary>
internal sealed class TemplateHelpers(NotificationOptions options)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);

    public void Register(IHandlebars handlebars)
    {
        handlebars.RegisterHelper("date", (writer, context, arguments) => writer.WriteSafeString(Format(arguments, context, withTime: false)));
        handlebars.RegisterHelper("datetime", (writer, context, arguments) => writer.WriteSafeString(Format(arguments, context, withTime: true)));
        handlebars.RegisterHelper("eq", (context, arguments) => arguments.Length == 2 && Equals(arguments[0]?.ToString(), arguments[1]?.ToString()));
    }

    /// <summary>Formats an instant as the recipient reads it: their language, the organisation's zone, the zone named after a time.</summary>
    public string Format(DateTimeOffset instant, string? language, bool withTime)
    {
        var local = TimeZoneInfo.ConvertTime(instant, _zone);
        var english = TemplateCatalog.NormaliseLanguage(language) == "en";
        var culture = CultureInfo.GetCultureInfo(english ? "en-US" : "es-MX");
        var date = english ? local.ToString("MMMM d, yyyy", culture) : local.ToString("d 'de' MMMM 'de' yyyy", culture);
        return withTime ? $"{date}, {local.ToString("HH:mm", culture)} ({options.TimeZone})" : date;
    }

    /// <summary>Formats a calendar date in the recipient's language.</summary>
    public static string FormatDate(DateOnly day, string? language)
    {
        var english = TemplateCatalog.NormaliseLanguage(language) == "en";
        var culture = CultureInfo.GetCultureInfo(english ? "en-US" : "es-MX");
        return english ? day.ToString("MMMM d, yyyy", culture) : day.ToString("d 'de' MMMM 'de' yyyy", culture);
    }

    private string Format(Arguments arguments, Context context, bool withTime)
    {
        if (arguments.Length == 0 || arguments[0] is null)
        {
            return string.Empty;
        }

        var language = context.GetValue<object>("language")?.ToString();
        return arguments[0] switch
        {
            DateTimeOffset d => Format(d, language, withTime),
            DateTime d => Format(new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)), language, withTime),
            DateOnly d => FormatDate(d, language),

            // A calendar date (a birth date, a validity end) is the same day everywhere: no zone conversion.
            string s when DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) => FormatDate(day, language),
            string s when DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) => Format(d, language, withTime),

            // FEEL writes a date-time with a zone id as "2029-01-03T12:19:11@America/Mexico_City" (the engine's clock does).
            string s when Orchestrator.Engine.Model.IsoTimer.TryParseZoned(s, out var zoned) => Format(zoned, language, withTime),
            var other => throw new HandlebarsRuntimeException($"{(withTime ? "datetime" : "date")} expects a date-time, got '{other}'."),
        };
    }
}
