using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Feel;

namespace Orchestrator.Cli;

/// <summary>
/// <c>feel EXPRESSION [--context JSON]</c>: evaluate one FEEL expression and print its value as JSON
/// on stdout (the formats of docs/command-line.md). Exit 0 with a value (warnings on stderr); 2 for a syntax
/// error or a bad command line or context; 1 when a limit stopped the evaluation.
/// </summary>
internal static class FeelCommand
{
    private const int LimitFailure = 1;

    private const string Usage = "usage: orchestrator feel EXPRESSION [--context JSON]";

    private const string Help = Usage + """

          Evaluates one FEEL expression and prints its value as JSON (a date as "2026-01-31", a duration as "P1DT2H").
          --context JSON   the variables, one JSON object
          Exit 0 with a value, 2 for a syntax error or a bad command line, 1 when a limit stopped the evaluation.
          (To evaluate the negation of a variable named h, write (-h).)
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        // Only as the first argument: "-h" later on is an expression (the negation of h).
        if (args is ["-h" or "--help", ..])
        {
            await stdout.WriteLineAsync(Help).ConfigureAwait(false);
            return 0;
        }

        string? expression = null;
        string? contextJson = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--context")
            {
                if (i + 1 >= args.Length || contextJson is not null)
                {
                    await stderr.WriteLineAsync($"feel: --context needs one JSON object. {Usage}").ConfigureAwait(false);
                    return CommandLine.UsageError;
                }

                contextJson = args[++i];
            }
            else if (expression is null)
            {
                expression = args[i];
            }
            else
            {
                await stderr.WriteLineAsync($"feel: unexpected argument '{args[i]}' (quote the expression as one argument). {Usage}").ConfigureAwait(false);
                return CommandLine.UsageError;
            }
        }

        if (expression is null)
        {
            await stderr.WriteLineAsync($"feel: no expression given. {Usage}").ConfigureAwait(false);
            return CommandLine.UsageError;
        }

        FeelContext? variables = null;
        if (contextJson is not null)
        {
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(contextJson);
            }
            catch (JsonException e)
            {
                await stderr.WriteLineAsync($"feel: --context is not valid JSON: {e.Message}").ConfigureAwait(false);
                return CommandLine.UsageError;
            }

            if (node is not JsonObject obj)
            {
                await stderr.WriteLineAsync($"feel: --context must be a JSON object, got {node?.GetValueKind().ToString().ToLowerInvariant() ?? "null"}").ConfigureAwait(false);
                return CommandLine.UsageError;
            }

            variables = FeelContext.FromJson(obj);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var engine = new FeelEngine();
        var parsed = variables is null ? engine.Parse(expression) : engine.Parse(expression, variables.Keys);
        if (parsed.Expression is null)
        {
            foreach (var error in parsed.Errors)
            {
                await stderr.WriteLineAsync($"feel: syntax error at {error}").ConfigureAwait(false);
            }

            return CommandLine.UsageError;
        }

        var result = parsed.Expression.Evaluate(variables);
        foreach (var warning in result.Warnings)
        {
            await stderr.WriteLineAsync($"feel: warning: {warning.Message}").ConfigureAwait(false);
        }

        if (result.Failure is { } failure)
        {
            await stderr.WriteLineAsync($"feel: {failure.Code}: {failure.Message}").ConfigureAwait(false);
            return LimitFailure;
        }

        var json = result.Value.ToJson();
        await stdout.WriteLineAsync(json is null ? "null" : json.ToJsonString(OutputOptions)).ConfigureAwait(false);
        return 0;
    }

    // Relaxed escaping so that "<" and non-ASCII letters print as themselves in a terminal.
    private static readonly JsonSerializerOptions OutputOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
