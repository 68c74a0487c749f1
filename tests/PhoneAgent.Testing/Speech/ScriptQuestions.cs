namespace PhoneAgent.Testing.Speech;

/// <summary>
/// Questions to sip-config/agents/default.yaml and the flite voices that ask them, for the script model's tests and
/// bench/PhoneAgent.SphinxBench.
/// </summary>
public static class ScriptQuestions
{
    /// <summary>
    /// The bench/conversation questions (bench/PhoneAgent.ConversationBench/Question.cs) plus one for each intent they
    /// leave out, with the intent a perfect recogniser would reach.
    /// </summary>
    public static IReadOnlyList<(string Text, string Intent)> All { get; } =
    [
        ("What time do you open tomorrow morning?", "hours"),
        ("Where is your shop located?", "address"),
        ("How much does a birthday cake cost?", "orders"),
        ("Are you open on Sunday?", "hours"),
        ("Is there parking near the store?", "address"),
        ("Can I order a wedding cake?", "orders"),
        ("When do you close today?", "hours"),
        ("What is your address?", "address"),
        ("Can I speak to a person please?", "person"),
        ("What are your opening hours?", "hours"),
        ("Do you deliver cakes for a party?", "orders"),
        ("No thanks, that's all. Goodbye.", "goodbye"),
    ];

    /// <summary>Flite's voices but the bot's own (slt); kal is its 8 kHz diphone voice, the hardest to recognise.</summary>
    public static IReadOnlyList<string> Voices { get; } = ["kal16", "rms", "awb", "kal"];
}
