using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Orchestrator.Cli;

namespace Orchestrator.Tests.Cli;

/// <summary>The command-line contract of docs/command-line.md: output formats and exit codes of feel, validate and simulate.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("orchestrator-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string EngineFixture(string name, [CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "Orchestrator.Engine.Tests", "Fixtures", "Execution", name));

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData("date(\"2026-01-31\") + duration(\"P1M\")", null, "\"2026-02-28\"")]
    [InlineData("0.1 + 0.2 = 0.3", null, "true")]
    [InlineData("age >= 16", "{\"age\": 17}", "true")]
    [InlineData("{a: [1, 2], b: null}", null, "{\"a\":[1,2],\"b\":null}")]
    [InlineData("duration(\"P1DT2H\")", null, "\"P1DT2H\"")]
    [InlineData("years and months duration(date(\"2026-01-01\"), date(\"2027-03-05\"))", null, "\"P1Y2M\"")]
    public async Task Feel_prints_the_value_as_json(string expression, string? context, string expected)
    {
        var (code, output, _) = context is null ? await Run("feel", expression) : await Run("feel", expression, "--context", context);
        Assert.Equal(0, code);
        Assert.Equal(expected, output.Trim());
    }

    [Fact]
    public async Task Feel_syntax_error_exits_2_with_line_and_column_on_stderr()
    {
        var (code, output, error) = await Run("feel", "1 +\n  * 2");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("line 2", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feel_with_a_context_that_is_not_json_exits_2()
    {
        var (code, _, error) = await Run("feel", "x", "--context", "{x:");
        Assert.Equal(2, code);
        Assert.Contains("--context", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_exits_0_for_a_valid_file_and_1_with_one_line_per_problem()
    {
        var (ok, _, _) = await Run("validate", EngineFixture("reception-deadline.bpmn"));
        Assert.Equal(0, ok);

        var bad = Write("bad.bpmn", """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="t">
              <bpmn:process id="P" isExecutable="true">
                <bpmn:startEvent id="Start" />
                <bpmn:sequenceFlow id="F" sourceRef="Start" targetRef="G" />
                <bpmn:exclusiveGateway id="G" />
                <bpmn:sequenceFlow id="F1" sourceRef="G" targetRef="E"><bpmn:conditionExpression>= x &gt;</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="F2" sourceRef="G" targetRef="E" />
                <bpmn:endEvent id="E" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        var (code, output, _) = await Run("validate", bad);
        Assert.Equal(1, code);
        Assert.Contains($"{bad}: F1: feel-syntax: ", output, StringComparison.Ordinal);

        var (jsonCode, json, _) = await Run("validate", bad, "--json");
        Assert.Equal(1, jsonCode);
        var problem = JsonNode.Parse(json)!.AsArray().First(p => (string?)p!["elementId"] == "F1")!.AsObject();
        Assert.Equal(["file", "elementId", "code", "message", "severity"], problem.Select(p => p.Key));
    }

    [Fact]
    public async Task Validate_refuses_an_external_entity_without_reading_it()
    {
        var secret = Write("secret.txt", "TOP-SECRET");
        var xxe = Write("xxe.bpmn", $"""
            <?xml version="1.0"?>
            <!DOCTYPE d [ <!ENTITY x SYSTEM "file://{secret}"> ]>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D"><bpmn:process id="P">&x;</bpmn:process></bpmn:definitions>
            """);
        var (code, output, _) = await Run("validate", xxe);
        Assert.Equal(1, code);
        Assert.Contains($"{xxe}: -: xml-dtd-forbidden: ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("TOP-SECRET", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_prints_the_report_and_exits_0_when_every_expectation_holds()
    {
        var scenario = Write("ok.json", """
            { "start": "2026-01-01T09:00:00Z", "variables": { "urgent": true },
              "steps": [ { "advance": "P45D" }, { "expect": { "active": ["Task_Escalate"] } } ] }
            """);
        var (code, output, error) = await Run("simulate", EngineFixture("reception-deadline.bpmn"), "--scenario", scenario);
        Assert.True(code == 0, error);
        var report = JsonNode.Parse(output)!.AsObject();
        Assert.Equal(["trace", "active", "ended", "variables", "incidents", "failures"], report.Select(p => p.Key));
        Assert.Empty(report["failures"]!.AsArray());
    }

    [Fact]
    public async Task Simulate_exits_1_and_names_the_step_when_an_expectation_fails()
    {
        var scenario = Write("fail.json", """
            { "start": "2026-01-01T09:00:00Z", "variables": { "urgent": true },
              "steps": [ { "advance": "P44D" }, { "expect": { "active": ["Task_Escalate"] } } ] }
            """);
        var (code, output, error) = await Run("simulate", EngineFixture("reception-deadline.bpmn"), "--scenario", scenario);
        Assert.Equal(1, code);
        Assert.Equal("step 2: expected active [Task_Escalate], was [Task_Receive]", error.Trim());
        Assert.Equal("step 2: expected active [Task_Escalate], was [Task_Receive]", (string?)JsonNode.Parse(output)!["failures"]![0]);
    }

    [Fact]
    public async Task Simulate_exits_2_naming_the_field_of_a_scenario_that_cannot_be_read()
    {
        var scenario = Write("bad.json", """{ "steps": [ { "advance": "soon" } ] }""");
        var (code, output, error) = await Run("simulate", EngineFixture("reception-deadline.bpmn"), "--scenario", scenario);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("steps[1].advance: \"soon\" is not an ISO 8601 duration", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_and_unknown_commands()
    {
        var (help, usage, _) = await Run("--help");
        Assert.Equal(0, help);
        Assert.Contains("simulate FILE.bpmn... --scenario SCENARIO.json", usage, StringComparison.Ordinal);

        var (unknown, _, error) = await Run("frobnicate");
        Assert.Equal(2, unknown);
        Assert.Contains("unknown command 'frobnicate'", error, StringComparison.Ordinal);
    }

    // A Database:Provider that cannot be configured makes a service start fail at once (exit 1), so a --help that
    // starts the service instead of printing the usage fails here instead of binding a port.
    [Theory]
    [InlineData("serve", "--help", "--Database:Provider=NotADatabase")]
    [InlineData("serve", "--Database:Provider=NotADatabase", "-h")]
    [InlineData("--urls", "http://127.0.0.1:1", "--help", "--Database:Provider=NotADatabase")]
    [InlineData("help", "serve", "--Database:Provider=NotADatabase")]
    public async Task Serve_help_prints_the_usage_and_starts_nothing(params string[] args)
    {
        var (code, output, error) = await Run(args);
        Assert.True(code == 0, error);
        Assert.Contains("usage: orchestrator [serve]", output, StringComparison.Ordinal);
        Assert.Contains("--urls URL", output, StringComparison.Ordinal);
        Assert.Equal("", error);
    }

    [Theory]
    [InlineData("feel", "usage: orchestrator feel EXPRESSION [--context JSON]")]
    [InlineData("validate", "usage: orchestrator validate FILE.bpmn... [--json]")]
    [InlineData("simulate", "usage: orchestrator simulate FILE.bpmn... --scenario SCENARIO.json")]
    public async Task Every_command_has_its_help(string command, string usage)
    {
        foreach (var args in new[] { new[] { command, "--help" }, [command, "-h"], ["help", command] })
        {
            var (code, output, error) = await Run(args);
            Assert.True(code == 0, $"{string.Join(' ', args)}: {error}");
            Assert.StartsWith(usage, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Feel_still_evaluates_a_negation_after_the_first_argument()
    {
        var (code, output, error) = await Run("feel", "(-h)", "--context", "{\"h\": 2}");
        Assert.True(code == 0, error);
        Assert.Equal("-2", output.Trim());
    }
}
