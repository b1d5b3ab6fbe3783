using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Orchestrator.Feel;
using Orchestrator.Forms;

namespace Orchestrator.Tests.Forms;

/// <summary>Builds one-off forms and runs the validator; test files are found beside this source file.</summary>
internal static class FormTestSupport
{
    public static string SchemasDirectory => Path.Combine(Here(), "Schemas");

    public static string ViewerDirectory => Path.Combine(Here(), "Viewer");

    /// <summary>A form (as the editor saves it) of the given components (JSON objects).</summary>
    public static FormSchema Form(params string[] components) =>
        FormSchema.Parse(FormJson(components), "test.form");

    public static string FormJson(params string[] components) =>
        $$"""{"type":"default","id":"Form_test","schemaVersion":19,"components":[{{string.Join(",", components)}}]}""";

    public static IReadOnlyList<FormFieldError> Validate(FormSchema schema, string data, string? variables = null, TimeProvider? time = null)
    {
        var vars = variables is null ? null : FeelContext.FromJson(JsonNode.Parse(variables)!.AsObject());
        return new FormValidator(timeProvider: time).Validate(schema, JsonNode.Parse(data)!.AsObject(), vars);
    }

    /// <summary>The errors as <c>field: message</c> lines joined with <c> | </c>; empty when valid.</summary>
    public static string Render(IReadOnlyList<FormFieldError> errors) => string.Join(" | ", errors.Select(e => e.ToString()));

    public static string Check(string component, string data, string? variables = null) =>
        Render(Validate(Form(component), data, variables));

    private static string Here([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}

/// <summary>A clock stopped at one instant.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
