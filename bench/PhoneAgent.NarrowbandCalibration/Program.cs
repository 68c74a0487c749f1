using System.Diagnostics;
using System.Globalization;
using System.Text;
using PhoneAgent.NarrowbandCalibration;
using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Pipeline.Stt.PocketSphinx;
using PhoneAgent.Pipeline.Tts;
using PhoneAgent.Pipeline.Tts.Espeak;
using PhoneAgent.Pipeline.Tts.Flite;
using PhoneAgent.Sip.Media.Codecs;

// Fits the narrowband path's feature-domain band extension (LogSpectrumExtension): synthetic wideband speech from
// flite's four 16 kHz voices and eSpeak NG over the sentences in CalibrationText, its log mel spectrum as sphinxbase
// computes it, against the same speech through G.711 (16→8 kHz, μ-law, 8→16 kHz with the product's resampler). One
// least-squares fit per replaced filter, then one constant per filter that moves the extended spectrum's mean onto
// the wideband one's; the recorded test clips (../shared/speech) are never read. Then it times
// the narrowband front end with the fitted extension over all the telephone audio.
//
//   dotnet run --project bench/PhoneAgent.NarrowbandCalibration -c Release [-- output]
//
// writes src/PhoneAgent.Pipeline/Stt/PocketSphinx/narrowband-extension.txt (run from the repository root) by default.
var output = args.Length > 0 ? args[0] : Path.Combine("src", "PhoneAgent.Pipeline", "Stt", "PocketSphinx", "narrowband-extension.txt");

// Inputs: filters 0-18 (130 Hz-3.8 kHz), all that G.711 leaves some energy in; targets: filters 19-24 (3.4-6.8 kHz),
// which it leaves empty. Measured on the shared clips' word errors against the alternatives: the current frame
// alone beat two or three frames of context, and one linear map beat 8 or 16 spectral-shape classes each with its
// own (docs/PERFORMANCE.md, "Telephone-band recognition").
const int InputFirst = 0;
const int InputCount = 19;
const int FirstTarget = 19;

// Frames more than 30 dB (natural log 7) below a sentence's loudest in the telephone band are pauses: flite's are
// digital silence, which no call carries.
const double SpeechFloor = 7;

var model = PocketSphinxOptions.Default.AcousticModelPath;
using var wideEnd = TelephoneFrontEnd.Create(model, extension: null, removeSilence: false);
using var narrowEnd = TelephoneFrontEnd.Create(model, extension: null, removeSilence: false);
var filters = wideEnd.Filters;
var targets = Enumerable.Range(FirstTarget, filters - FirstTarget).ToArray();
var fit = new LeastSquares(1 + InputCount, targets.Length);

var voices = new List<(string Name, ITextToSpeech Engine)>();
foreach (var voice in FliteTextToSpeech.Voices.Where(v => v != "kal")) voices.Add(($"flite {voice}", new FliteTextToSpeech(voice)));
voices.Add(($"eSpeak NG {EspeakTextToSpeech.DefaultVoice}", new EspeakTextToSpeech()));

var telephoneAudio = new List<short[]>();
var frames = 0;
var speech = new List<(float[] Narrow, float[] Wide)>();
var unextended = new double[targets.Length];
foreach (var (name, engine) in voices)
{
    var voiceFrames = 0;
    foreach (var sentence in CalibrationText.Sentences)
    {
        var wide = new List<short>();
        await foreach (var clause in engine.SynthesizeAsync(sentence, CancellationToken.None)) wide.AddRange(clause);
        var narrow = ThroughTelephone([.. wide]);
        telephoneAudio.Add(narrow);
        var wideSpectra = Spectra(wideEnd, [.. wide]);
        var narrowSpectra = Spectra(narrowEnd, narrow);
        var count = Math.Min(wideSpectra.Count, narrowSpectra.Count);
        var level = narrowSpectra.Take(count).Select(s => s.AsSpan(InputFirst, InputCount).ToArray().Average()).ToArray();
        var floor = level.Max() - SpeechFloor;
        var inputs = new double[1 + InputCount];
        inputs[0] = 1;
        for (var f = 0; f < count; f++)
        {
            if (level[f] < floor) continue;
            for (var i = 0; i < InputCount; i++) inputs[1 + i] = narrowSpectra[f][InputFirst + i];
            var observed = targets.Select(t => (double)wideSpectra[f][t]).ToArray();
            fit.Add(inputs, observed);
            speech.Add((narrowSpectra[f], wideSpectra[f]));
            for (var t = 0; t < targets.Length; t++) unextended[t] += Math.Pow(observed[t] - narrowSpectra[f][targets[t]], 2);
            voiceFrames++;
        }
    }

    Console.WriteLine($"{name}: {voiceFrames} speech frames");
    frames += voiceFrames;
}

// A light ridge keeps the 19 strongly correlated inputs from trading huge opposite weights.
var weights = fit.Solve(ridge: 1e-3 * frames);
var residuals = fit.ResidualSquares(weights);
var text = new StringBuilder();
text.AppendLine("# Feature-domain band extension for the narrowband (G.711) path: see LogSpectrumExtension.");
text.AppendLine("# Written by bench/PhoneAgent.NarrowbandCalibration (dotnet run --project bench/PhoneAgent.NarrowbandCalibration -c Release).");
text.AppendLine(FormattableString.Invariant($"# Fitted on {frames} speech frames: {string.Join(", ", voices.Select(v => v.Name))}; {CalibrationText.Sentences.Count} sentences."));
text.AppendLine("# RMS error of each target filter's log energy against the wideband original, unextended -> extended:");
for (var t = 0; t < targets.Length; t++)
{
    text.AppendLine(FormattableString.Invariant($"#   filter {targets[t]}: {Math.Sqrt(unextended[t] / frames):F2} -> {Math.Sqrt(residuals[t] / frames):F2}"));
}

text.AppendLine(FormattableString.Invariant($"filters {filters}"));
text.AppendLine(FormattableString.Invariant($"inputs {InputFirst} {InputCount}"));
for (var t = 0; t < targets.Length; t++)
{
    text.Append(FormattableString.Invariant($"target {targets[t]}"));
    foreach (var w in weights[t]) text.Append(FormattableString.Invariant($" {w:G7}"));
    text.AppendLine();
}

// The mean difference between the wideband and the extended narrowband log spectrum: near zero for the targets (the
// fit has a bias), and for the rest what the G.711 path changes inside the band.
var linear = LogSpectrumExtension.Parse(text.ToString());
var offset = new double[filters];
foreach (var (narrow, wide) in speech)
{
    var estimate = (float[])narrow.Clone();
    linear.Apply(estimate);
    for (var j = 0; j < filters; j++) offset[j] += wide[j] - estimate[j];
}

text.AppendLine(FormattableString.Invariant($"offset {string.Join(' ', offset.Select(o => (o / frames).ToString("G7", CultureInfo.InvariantCulture)))}"));
File.WriteAllText(output, text.ToString());
Console.Write(text.ToString());

// The cost the narrowband path adds: sphinxbase's front end (which ps_process_raw would run anyway) plus the
// extension and the DCT, in CPU time of this thread per second of audio.
using var extended = TelephoneFrontEnd.Create(model, LogSpectrumExtension.Parse(text.ToString()));
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
long samples = 0;
foreach (var pcm in telephoneAudio)
{
    Spectra(extended, pcm);
    samples += pcm.Length;
}

var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
Console.WriteLine(FormattableString.Invariant($"Narrowband front end with the extension: {cpu.TotalMilliseconds / (samples / (double)PipelineAudio.SampleRate):F2} ms CPU per second of audio over {samples / (double)PipelineAudio.SampleRate:F0} s"));

static List<float[]> Spectra(TelephoneFrontEnd frontEnd, short[] pcm) => [.. frontEnd.ConvertClip(pcm).Select(f => f.LogSpectrum)];

// The G.711 path, shifted back by both resamplers' delays so its frames line up with the wideband original's.
static short[] ThroughTelephone(short[] wide)
{
    var down = new PcmResampler(PipelineAudio.SampleRate, 8000);
    var narrow = new short[down.GetOutputLength(wide.Length)];
    down.Process(wide, narrow);
    var codes = new byte[narrow.Length];
    MuLaw.Encode(narrow, codes);
    MuLaw.Decode(codes, narrow);
    var up = new PcmResampler(8000, PipelineAudio.SampleRate);
    var restored = new short[up.GetOutputLength(narrow.Length)];
    up.Process(narrow, restored);
    var delay = (2 * down.DelaySamples) + up.DelaySamples;
    return restored[Math.Min(delay, restored.Length)..];
}
