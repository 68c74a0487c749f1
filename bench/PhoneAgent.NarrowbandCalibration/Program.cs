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
// computes it, against the same speech through G.711 (16→8 kHz, μ-law, 8→16 kHz with the product's resampler). A
// Gaussian mixture on the input filters and one least-squares map per component and replaced filter, then one
// constant per filter that moves the extended spectrum's mean onto the wideband one's; the recorded test clips
// (../shared/speech) are never read. Then it times the narrowband front end with the fitted extension over all the
// telephone audio.
//
//   dotnet run --project bench/PhoneAgent.NarrowbandCalibration -c Release [-- output [components [temperature]]]
//
// writes src/PhoneAgent.Pipeline/Stt/PocketSphinx/narrowband-extension.txt (run from the repository root) with 32
// components and temperature 10 by default; 1 component is a single linear map.
var output = args.Length > 0 ? args[0] : Path.Combine("src", "PhoneAgent.Pipeline", "Stt", "PocketSphinx", "narrowband-extension.txt");
var components = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 32;
var temperature = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 10;

// Inputs: filters 0-18 (130 Hz-3.8 kHz), all that G.711 leaves some energy in; targets: filters 19-24 (3.4-6.8 kHz),
// which it leaves empty. Measured on the shared clips' word errors against the alternatives: the current frame
// alone beat two or three frames of context, one linear map beat 8 or 16 spectral-shape classes each with its own
// (a hard switch), and a soft mixture of 16 or 32 maps with posteriors tempered by 10 beat one map
// (docs/PERFORMANCE.md, "Telephone-band recognition").
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

var voices = new List<(string Name, ITextToSpeech Engine)>();
foreach (var voice in FliteTextToSpeech.Voices.Where(v => v != "kal")) voices.Add(($"flite {voice}", new FliteTextToSpeech(voice)));
voices.Add(($"eSpeak NG {EspeakTextToSpeech.DefaultVoice}", new EspeakTextToSpeech()));

var telephoneAudio = new List<short[]>();
var narrowFrames = new List<float[]>();
var wideFrames = new List<float[]>();
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
        for (var f = 0; f < count; f++)
        {
            if (level[f] < floor) continue;
            narrowFrames.Add(narrowSpectra[f]);
            wideFrames.Add(wideSpectra[f]);
            voiceFrames++;
        }
    }

    Console.WriteLine($"{name}: {voiceFrames} speech frames");
}

var frames = narrowFrames.Count;
var wideTargets = wideFrames.Select(w => targets.Select(t => (double)w[t]).ToArray()).ToList();
var inputs = narrowFrames.Select(s => s.AsSpan(InputFirst, InputCount).ToArray().Select(v => (double)v).ToArray()).ToList();

// One component is a single linear map; more fit a diagonal-covariance Gaussian mixture on the input filters and
// one linear map per component, each frame weighted by the component's posterior, tempered as at run time.
var mixture = components > 1 ? GaussianMixture.Fit(inputs, components, seed: 1) : null;
var fits = Enumerable.Range(0, components).Select(_ => new LeastSquares(1 + InputCount, targets.Length)).ToArray();
var design = new double[1 + InputCount];
design[0] = 1;
var posteriors = new double[components];
posteriors[0] = 1;
for (var f = 0; f < frames; f++)
{
    inputs[f].CopyTo(design, 1);
    mixture?.Posteriors(inputs[f], posteriors, temperature);
    for (var k = 0; k < components; k++) fits[k].Add(design, wideTargets[f], posteriors[k]);
}

var text = new StringBuilder();
text.AppendLine("# Feature-domain band extension for the narrowband (G.711) path: see LogSpectrumExtension.");
text.AppendLine("# Written by bench/PhoneAgent.NarrowbandCalibration (dotnet run --project bench/PhoneAgent.NarrowbandCalibration -c Release).");
text.AppendLine(FormattableString.Invariant($"# Fitted on {frames} speech frames: {string.Join(", ", voices.Select(v => v.Name))}; {CalibrationText.Sentences.Count} sentences."));
var body = new StringBuilder();
body.AppendLine(FormattableString.Invariant($"filters {filters}"));
body.AppendLine(FormattableString.Invariant($"inputs {InputFirst} {InputCount}"));
for (var k = 0; k < components; k++)
{
    if (mixture is not null)
    {
        body.AppendLine(FormattableString.Invariant($"component {mixture.LogWeight(k, temperature):G9}"));
        body.AppendLine(FormattableString.Invariant($"mean {string.Join(' ', mixture.Means[k].Select(m => m.ToString("G9", CultureInfo.InvariantCulture)))}"));
        body.AppendLine(FormattableString.Invariant($"precision {string.Join(' ', mixture.Variances[k].Select(v => (1 / (v * temperature)).ToString("G9", CultureInfo.InvariantCulture)))}"));
    }

    // A light ridge keeps the 19 strongly correlated inputs from trading huge opposite weights.
    var weights = fits[k].Solve(ridge: 1e-3 * fits[k].Weight);
    for (var t = 0; t < targets.Length; t++)
    {
        body.Append(FormattableString.Invariant($"target {targets[t]}"));
        foreach (var w in weights[t]) body.Append(FormattableString.Invariant($" {w:G7}"));
        body.AppendLine();
    }
}

// The mean difference between the wideband and the extended narrowband log spectrum: near zero for the targets (the
// fits have biases), and for the rest what the G.711 path changes inside the band.
var withoutOffset = LogSpectrumExtension.Parse(body.ToString());
var offset = new double[filters];
foreach (var (spectrum, wideSpectrum) in narrowFrames.Zip(wideFrames))
{
    var estimate = (float[])spectrum.Clone();
    withoutOffset.Apply(estimate);
    for (var j = 0; j < filters; j++) offset[j] += wideSpectrum[j] - estimate[j];
}

body.AppendLine(FormattableString.Invariant($"offset {string.Join(' ', offset.Select(o => (o / frames).ToString("G7", CultureInfo.InvariantCulture)))}"));
var extension = LogSpectrumExtension.Parse(body.ToString());

var unextended = new double[targets.Length];
var extended = new double[targets.Length];
foreach (var (spectrum, observed) in narrowFrames.Zip(wideTargets))
{
    var estimate = (float[])spectrum.Clone();
    extension.Apply(estimate);
    for (var t = 0; t < targets.Length; t++)
    {
        unextended[t] += Math.Pow(observed[t] - spectrum[targets[t]], 2);
        extended[t] += Math.Pow(observed[t] - estimate[targets[t]], 2);
    }
}

text.AppendLine(components > 1
    ? FormattableString.Invariant($"# {components} components, posteriors tempered by {temperature}.")
    : "# One linear map.");
text.AppendLine("# RMS error of each target filter's log energy against the wideband original, unextended -> extended:");
for (var t = 0; t < targets.Length; t++)
{
    text.AppendLine(FormattableString.Invariant($"#   filter {targets[t]}: {Math.Sqrt(unextended[t] / frames):F2} -> {Math.Sqrt(extended[t] / frames):F2}"));
}

text.Append(body);
File.WriteAllText(output, text.ToString());
Console.Write(text.ToString());

// The cost the narrowband path adds: sphinxbase's front end (which ps_process_raw would run anyway) plus the
// extension and the DCT, in CPU time of this thread per second of audio.
using var extendedEnd = TelephoneFrontEnd.Create(model, extension);
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
long samples = 0;
foreach (var pcm in telephoneAudio)
{
    Spectra(extendedEnd, pcm);
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
