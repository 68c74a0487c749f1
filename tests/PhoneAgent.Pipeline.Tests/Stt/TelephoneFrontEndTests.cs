using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Pipeline.Stt.PocketSphinx;
using PhoneAgent.Testing.Speech;

namespace PhoneAgent.Pipeline.Tests.Stt;

public unsafe class TelephoneFrontEndTests
{
    private const int Filters = 25;

    [Fact]
    public void Without_an_extension_its_cepstra_are_sphinxbases_own()
    {
        var (pcm, _) = SpeechClips.Read("arctic_a0024.wav");
        using var telephone = TelephoneFrontEnd.Create(PocketSphinxOptions.Default.AcousticModelPath, extension: null, removeSilence: false);
        var ours = telephone.ConvertClip(pcm).Select(f => f.Cepstrum).ToList();

        // The decoder's own front end: the model's feat.params, cepstra out, liftered by sphinxbase.
        using var reference = FrontEndHandle.Create(["-lowerf", "130", "-upperf", "6800", "-nfilt", "25", "-transform", "dct", "-lifter", "22", "-remove_silence", "no"]);
        var expected = SphinxbaseCepstra(reference, pcm);

        Assert.Equal(expected.Count, ours.Count);
        Assert.True(ours.Count > 300);
        var worst = 0.0;
        for (var f = 0; f < ours.Count; f++)
        {
            for (var i = 0; i < 13; i++) worst = Math.Max(worst, Math.Abs(ours[f][i] - expected[f][i]));
        }

        // Float rounding of the log spectrum before our DCT; c0 runs to about 40.
        Assert.InRange(worst, 0, 1e-3);
    }

    [Fact]
    public void The_default_extension_brings_the_upper_filters_of_telephone_audio_close_to_the_wideband_originals()
    {
        var (wide, _) = SpeechClips.Read("LDC93S1.wav");
        var model = PocketSphinxOptions.Default.AcousticModelPath;
        // One front end each: sphinxbase's noise estimate carries over from one utterance to the next.
        using var wideband = TelephoneFrontEnd.Create(model, extension: null, removeSilence: false);
        using var plain = TelephoneFrontEnd.Create(model, extension: null, removeSilence: false);
        using var extended = TelephoneFrontEnd.Create(model, LogSpectrumExtension.Default, removeSilence: false);

        // The G.711 path delays the audio by both resamplers' filters; line the frames up again.
        var narrow = Telephone.ThroughG711(wide, PipelineAudio.SampleRate);
        var delay = (2 * new PcmResampler(PipelineAudio.SampleRate, Telephone.SampleRate).DelaySamples) + new PcmResampler(Telephone.SampleRate, PipelineAudio.SampleRate).DelaySamples;
        narrow = narrow[delay..];
        var reference = Spectra(wideband, wide);
        var unextended = Spectra(plain, narrow);
        var estimated = Spectra(extended, narrow);

        // Speech frames only: silence has no upper band to estimate.
        var loudest = reference.Max(s => s.Average());
        var speech = Enumerable.Range(0, Math.Min(reference.Count, estimated.Count)).Where(f => reference[f].Average() > loudest - 5).ToList();
        Assert.True(speech.Count > 50);

        // Inside the band the extension adds only its constant offset (a fraction of a natural-log unit) per filter.
        for (var j = 0; j < 19; j++)
        {
            var offset = estimated[speech[0]][j] - unextended[speech[0]][j];
            Assert.InRange(offset, -0.5, 0.5);
            foreach (var f in speech) Assert.Equal(offset, estimated[f][j] - unextended[f][j], 4);
        }

        double Rms(List<float[]> spectra) => Math.Sqrt(speech.SelectMany(f => Enumerable.Range(20, 5).Select(k => Math.Pow(spectra[f][k] - reference[f][k], 2))).Average());
        var before = Rms(unextended);
        var after = Rms(estimated);

        // Measured on this clip's 160 loudest frames: an RMS error of 8.1 natural-log units (35 dB) unextended, 2.9
        // with the estimate, which was fitted on synthetic voices only.
        Assert.InRange(before, 6, double.MaxValue);
        Assert.InRange(after, 0, 3.5);
    }

    private static List<float[]> Spectra(TelephoneFrontEnd frontEnd, short[] pcm)
    {
        var spectra = frontEnd.ConvertClip(pcm).Select(f => f.LogSpectrum).ToList();
        Assert.All(spectra, s => Assert.Equal(Filters, s.Length));
        return spectra;
    }

    private static List<float[]> SphinxbaseCepstra(FrontEndHandle frontEnd, short[] pcm)
    {
        var capacity = (pcm.Length / 160) + 2;
        var buffer = GC.AllocateArray<float>(capacity * 13, pinned: true);
        var rows = GC.AllocateArray<nint>(capacity, pinned: true);
        fixed (float* start = buffer)
        {
            for (var f = 0; f < capacity; f++) rows[f] = (nint)(start + (f * 13));
        }

        PocketSphinxNative.FrontEndStartUtterance(frontEnd);
        int frames = capacity, first;
        var remaining = (nuint)pcm.Length;
        fixed (short* samples = pcm)
        fixed (nint* rowPointers = rows)
        {
            var cursor = samples;
            Assert.Equal(0, PocketSphinxNative.FrontEndProcessFrames(frontEnd, &cursor, &remaining, (float**)rowPointers, &frames, &first));
        }

        return [.. Enumerable.Range(0, frames).Select(f => buffer.AsSpan(f * 13, 13).ToArray())];
    }
}
