using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Testing;
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

    public static async Task<Material> LoadAsync()
    {
        var clips = new List<Clip>();
        foreach (var line in File.ReadAllLines(Path.Combine(Checkout.SpeechDirectory, "transcripts.tsv")).Where(l => l.Length > 0))
        {
            var parts = line.Split('\t', 2);
            var (rate, samples) = WavFile.ReadMono(Path.Combine(Checkout.SpeechDirectory, parts[0]));
            clips.Add(new Clip(parts[0], parts[1], rate == PipelineAudio.SampleRate ? samples : null, Telephone.ThroughG711(samples, rate)));
        }

        var questions = (await ScriptQuestions.VoiceAsync())
            .Select(q => new Question(q.Intent, Telephone.ThroughG711(q.Pcm, PipelineAudio.SampleRate)))
            .ToList();
        return new Material(clips, questions);
    }

    public sealed record Clip(string File, string Transcript, short[]? Wideband, short[] Telephone);

    public sealed record Question(string Intent, short[] Telephone);
}
