namespace Orchestrator.Feel.Tests;

public class CliShapedTests
{
    [Theory]
    [InlineData("income/expenses * 2", "{\"income/expenses\": 3}", "6")]
    [InlineData("date of birth + duration(\"P18Y\") <= today()", "{\"date of birth\": \"2000-01-01\"}", "null")]
    [InlineData("date(date of birth) + duration(\"P18Y\") <= today()", "{\"date of birth\": \"2000-01-01\"}", "true")]
    [InlineData("child.age >= 16 and child.name != null", "{\"child\": {\"age\": 16, \"name\": \"Ana\"}}", "true")]
    [InlineData("count(siblings[age < 18])", "{\"siblings\": [{\"age\": 3}, {\"age\": 19}, {\"age\": 17}]}", "2")]
    [InlineData("if approved then \"grant\" else \"deny\"", "{\"approved\": true}", "\"grant\"")]
    [InlineData("decision in (\"approve\", \"refer\")", "{\"decision\": \"refer\"}", "true")]
    public void ConditionsOnJsonVariables(string expression, string vars, string expected) => Feel.Check(expression, expected, vars);
}
