using PhoneAgent.Pipeline.Agents;
using PhoneAgent.Pipeline.Agents.Scripted;
using PhoneAgent.Testing;
using Xunit.Abstractions;
using static PhoneAgent.Pipeline.Tests.Agents.AgentTestHelpers;

namespace PhoneAgent.Pipeline.Tests.Agents;

/// <summary>
/// The default script on what pocketsphinx really made of flite-spoken caller questions (recognised-questions.tsv,
/// recorded once with the libraries this machine installs). It guards the choice of keywords against the recogniser's
/// habitual mistakes ("close" heard as "post", "cake" as "take", "bye" as "buy").
/// </summary>
public sealed class RecognisedQuestionsTests(ITestOutputHelper output)
{
    private static readonly string Fixture = Path.Combine(Checkout.Root, "tests", "PhoneAgent.Pipeline.Tests", "Agents", "recognised-questions.tsv");

    private readonly AgentScript _script = AgentScript.Load(Checkout.DefaultScriptPath);
    private readonly ScriptedAgent _agent = ScriptedAgent.Load(Checkout.DefaultScriptPath);

    [Theory]
    [InlineData("wideband", 0.95)]
    [InlineData("narrowband", 0.8)]
    public async Task Most_recognised_questions_reach_the_intended_reply_and_none_hang_up_or_transfer_by_mistake(string band, double required)
    {
        var rows = File.ReadLines(Fixture).Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split('\t')).Where(r => r[1] == band).ToList();
        Assert.NotEmpty(rows);
        var hits = 0;
        foreach (var (said, heard, intended) in rows.Select(r => (r[2], r[3], r[4])))
        {
            var outputs = await CollectAsync(_agent, Caller(heard));
            var reached = Outcome(Text(outputs));
            if (reached == intended) hits++;
            else output.WriteLine($"{band}: '{said}' heard as '{heard}' reached {reached}, not {intended}");

            // A wrong answer costs the caller a repeat; a wrong hang-up or transfer costs the call.
            var action = outputs.LastOrDefault(o => o is not AgentText);
            if (reached != intended) Assert.Null(action);
        }

        var accuracy = (double)hits / rows.Count;
        output.WriteLine($"{band}: {hits}/{rows.Count} = {accuracy:P0}");
        Assert.True(accuracy >= required, $"{band}: only {hits} of {rows.Count} questions reached the intended reply");
    }

    private string Outcome(string reply) =>
        _script.Intents.FirstOrDefault(i => i.Reply == reply)?.Name
        ?? (reply == _script.Goodbye!.Reply ? "goodbye" : "fallback");
}
