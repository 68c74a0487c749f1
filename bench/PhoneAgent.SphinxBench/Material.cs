using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Pipeline.Tts.Flite;
using PhoneAgent.Sip.Media.Codecs;
using PhoneAgent.Testing.Speech;

namespace PhoneAgent.SphinxBench;

/// <summary>The recorded clips of ../shared/speech and the script's questions voiced by flite, as calls deliver them.</summary>
internal sealed record Material(IReadOnlyList<Material.Clip> AllClips, IReadOnlyList<Material.Question> Questions)
{
    /// <summary>The clips recorded at 16 kHz: the word error rate totals count only these, as the accuracy test does.</summary>
    public IReadOnlyList<Clip> Wideband => AllClips.Where(c => c.Wideband is not null).ToList();

    public double WidebandSeconds => Wideband.Sum(c => c.Wideband!.Length) / (double)PipelineAudio.SampleRate;

    public double QuestionSeconds => Questions.Sum(q => q.Telephone.Length) / (double)PipelineAudio.SampleRate;

    public int Words => Wideband.Sum(c => WordErrorRate.Words(c.Transcript).Length);

    public static async Task<Material> LoadAsync(string root)
    {
        var speech = Path.GetFullPath(Path.Combine(root, "..", "shared", "speech"));
        var clips = new List<Clip>();
        foreach (var line in File.ReadAllLines(Path.Combine(speech, "transcripts.tsv")).Where(l => l.Length > 0))
        {
            var parts = line.Split('\t', 2);
            var (rate, samples) = WavFile.ReadMono(Path.Combine(speech, parts[0]));
            clips.Add(new Clip(parts[0], parts[1], rate == PipelineAudio.SampleRate ? samples : null, ThroughTelephone(samples, rate)));
        }

        var questions = new List<Question>();
        foreach (var voice in ScriptQuestions.Voices)
        {
            var tts = new FliteTextToSpeech(voice);
            foreach (var (text, intent) in ScriptQuestions.All)
            {
                var pcm = new List<short>();
                await foreach (var chunk in tts.SynthesizeAsync(text, CancellationToken.None)) pcm.AddRange(chunk);
                questions.Add(new Question(intent, ThroughTelephone([.. pcm], PipelineAudio.SampleRate)));
            }
        }

        return new Material(clips, questions);
    }

    /// <summary>The checkout root: the nearest directory above the binaries that holds PhoneAgent.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PhoneAgent.sln"))) return directory.FullName;
        }

        throw new DirectoryNotFoundException($"No PhoneAgent.sln above {AppContext.BaseDirectory}");
    }

    // As the tests' SpeechClips.ThroughTelephone: anti-aliased 16→8 kHz, μ-law both ways, 8→16 kHz as the media engine upsamples.
    private static short[] ThroughTelephone(short[] samples, int sampleRate)
    {
        var narrow = sampleRate == Telephone.SampleRate ? samples : Telephone.Resample(samples, sampleRate, Telephone.SampleRate);
        var codes = new byte[narrow.Length];
        MuLaw.Encode(narrow, codes);
        var decoded = new short[codes.Length];
        MuLaw.Decode(codes, decoded);
        return Telephone.Resample(decoded, Telephone.SampleRate, PipelineAudio.SampleRate);
    }

    public sealed record Clip(string File, string Transcript, short[]? Wideband, short[] Telephone);

    public sealed record Question(string Intent, short[] Telephone);
}
