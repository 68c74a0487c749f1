namespace PhoneAgent.Testing;

/// <summary>
/// Where tests and benches find the repository and what lies beside it: they run from
/// <c>tests|bench/&lt;project&gt;/bin/&lt;config&gt;/&lt;tfm&gt;</c>, so the checkout is the nearest directory above the binaries
/// that holds PhoneAgent.sln, and ../shared (the speech clips and models) is its sibling, here and in CI.
/// </summary>
public static class Checkout
{
    /// <summary>The checkout root.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>../shared/speech: the real speech clips and transcripts.tsv.</summary>
    /// <exception cref="DirectoryNotFoundException">The directory is not there.</exception>
    public static string SpeechDirectory
    {
        get
        {
            var speech = Path.GetFullPath(Path.Combine(Root, "..", "shared", "speech"));
            return Directory.Exists(speech) ? speech : throw new DirectoryNotFoundException($"The speech clips are expected in {speech}.");
        }
    }

    /// <summary>The scripted agent's default script, sip-config/agents/default.yaml.</summary>
    public static string DefaultScriptPath { get; } = Path.Combine(Root, "sip-config", "agents", "default.yaml");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PhoneAgent.sln"))) return directory.FullName;
        }

        throw new DirectoryNotFoundException($"No PhoneAgent.sln above {AppContext.BaseDirectory}");
    }
}
