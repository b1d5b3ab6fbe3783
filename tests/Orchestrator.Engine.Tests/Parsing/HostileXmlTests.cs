using System.Text;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Parsing;
using Orchestrator.Engine.Validation;

namespace Orchestrator.Engine.Tests.Parsing;

/// <summary>Files an attacker or a confused user might upload: each gives one clear file-level problem, quickly, and never an exception.</summary>
public class HostileXmlTests
{
    private static readonly Orchestrator.Feel.FeelEngine Feel = new();

    private const string Root = "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"D\">";

    private static BpmnProblem ParseFails(string xml, string code)
    {
        var result = BpmnParser.Parse(xml, "hostile.bpmn");
        Assert.Null(result.Definitions);
        Assert.False(result.Succeeded);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(("hostile.bpmn", BpmnProblem.FileLevel, code, ProblemSeverity.Error), (problem.File, problem.ElementId, problem.Code, problem.Severity));
        return problem;
    }

    [Fact]
    public void External_entity_is_refused_and_the_file_is_never_read()
    {
        var secret = Path.Combine(Path.GetTempPath(), $"orc-secret-{Guid.NewGuid():N}.txt");
        File.WriteAllText(secret, "TOP-SECRET-CONTENT");
        try
        {
            var xml = $"""
                <?xml version="1.0"?>
                <!DOCTYPE bpmn:definitions [ <!ENTITY xxe SYSTEM "file://{secret}"> ]>
                {Root}<bpmn:process id="P" name="&xxe;" /></bpmn:definitions>
                """;
            var problem = ParseFails(xml, "xml-dtd-forbidden");
            Assert.DoesNotContain("TOP-SECRET", problem.Message, StringComparison.Ordinal);
            Assert.Contains("line 2", problem.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void External_DTD_is_refused()
    {
        ParseFails($"""<?xml version="1.0"?><!DOCTYPE d SYSTEM "http://127.0.0.1:1/evil.dtd">{Root}</bpmn:definitions>""", "xml-dtd-forbidden");
    }

    [Fact]
    public void Billion_laughs_is_refused_quickly()
    {
        var sb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
        for (var i = 1; i < 10; i++)
        {
            sb.Append($" <!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{(i == 1 ? string.Empty : (i - 1).ToString())};", 10))}\">\n");
        }

        sb.Append("]>\n").Append(Root).Append("<bpmn:process id=\"P\" name=\"&lol9;\" /></bpmn:definitions>");
        ParseFails(sb.ToString(), "xml-dtd-forbidden");
    }

    [Fact]
    public void Six_MiB_file_is_too_large_as_text()
    {
        var xml = Root + "<!--" + new string('x', 6 * 1024 * 1024) + "--></bpmn:definitions>";
        var problem = ParseFails(xml, "xml-too-large");
        Assert.Contains("5 MiB", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Six_MiB_file_is_too_large_as_stream()
    {
        var bytes = Encoding.UTF8.GetBytes(Root + "<!--" + new string('x', 6 * 1024 * 1024) + "--></bpmn:definitions>");
        using var stream = new MemoryStream(bytes);
        var result = BpmnParser.Parse(stream, "big.bpmn");
        Assert.Equal("xml-too-large", Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Endless_stream_stops_at_the_limit()
    {
        using var stream = new EndlessStream();
        var result = BpmnParser.Parse(stream, "endless.bpmn");
        Assert.Equal("xml-too-large", Assert.Single(result.Problems).Code);
        Assert.True(stream.BytesRead <= (5 * 1024 * 1024) + 81920 * 2, $"read {stream.BytesRead} bytes");
    }

    [Fact]
    public void Ten_thousand_deep_nesting_is_too_deep()
    {
        var xml = Root + string.Concat(Enumerable.Repeat("<a>", 10_000)) + string.Concat(Enumerable.Repeat("</a>", 10_000)) + "</bpmn:definitions>";
        var problem = ParseFails(xml, "xml-too-deep");
        Assert.Contains("line 1", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("this is not XML at all")]
    [InlineData("")]
    [InlineData("{\"definitions\": []}")]
    [InlineData("<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><bpmn:process id=\"P\">")]
    [InlineData("<a><b></a>")]
    public void Not_XML_is_malformed(string text)
    {
        var problem = ParseFails(text, "xml-malformed");
        Assert.False(string.IsNullOrWhiteSpace(problem.Message));
    }

    [Fact]
    public void Binary_garbage_is_malformed()
    {
        var bytes = new byte[4096];
        new Random(42).NextBytes(bytes);
        using var stream = new MemoryStream(bytes);
        var result = BpmnParser.Parse(stream, "garbage.bpmn");
        Assert.Null(result.Definitions);
        Assert.Single(result.Problems);
    }

    [Fact]
    public void Html_page_is_not_bpmn()
    {
        var problem = ParseFails("""
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>Camunda</title></head><body><p>Hello<br></body></html>
            """, "not-bpmn");
        Assert.Contains("HTML", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_root_is_not_bpmn()
    {
        var problem = ParseFails("""<?xml version="1.0"?><dmn:definitions xmlns:dmn="https://www.omg.org/spec/DMN/20191111/MODEL/" />""", "not-bpmn");
        Assert.Contains("line 1", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_namespace_is_not_bpmn_and_names_the_right_one()
    {
        var problem = ParseFails("""<definitions xmlns="http://www.omg.org/spec/BPMN/2.0"><process id="P" /></definitions>""", "not-bpmn");
        Assert.Contains("http://www.omg.org/spec/BPMN/20100524/MODEL", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_truncation_of_a_real_file_gives_problems_not_exceptions()
    {
        var text = BpmnFixtures.Read("Parsing", "camunda7-modeler.bpmn");
        for (var length = 0; length < text.Length; length += 97)
        {
            var result = BpmnParser.Parse(text[..length], "cut.bpmn");
            Assert.NotEmpty(result.Problems);
            _ = BpmnValidator.ValidateParsed([result], Feel);
        }
    }

    [Fact]
    public void Every_mangled_character_gives_a_result_not_an_exception()
    {
        var text = BpmnFixtures.Read("Parsing", "orc-journey.bpmn");
        var random = new Random(7);
        for (var i = 0; i < 300; i++)
        {
            var chars = text.ToCharArray();
            var at = random.Next(chars.Length);
            chars[at] = "<>\"'&=/ x"[random.Next(9)];
            var result = BpmnParser.Parse(new string(chars), "mangled.bpmn");
            _ = BpmnValidator.ValidateParsed([result], Feel);
        }
    }

    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var prefix = BytesRead == 0 ? Encoding.UTF8.GetBytes(Root + "<!--") : [];
            prefix.CopyTo(buffer, offset);
            buffer.AsSpan(offset + prefix.Length, count - prefix.Length).Fill((byte)'x');
            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
