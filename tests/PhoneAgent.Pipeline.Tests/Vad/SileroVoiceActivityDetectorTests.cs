using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Pipeline.Turns;
using PhoneAgent.Pipeline.Vad;
using PhoneAgent.Pipeline.Vad.Onnx;
using PhoneAgent.Pipeline.Vad.Silero;
using PhoneAgent.Testing.Speech;

namespace PhoneAgent.Pipeline.Tests.Vad;

public class SileroVoiceActivityDetectorTests(SileroModelFixture fixture) : IClassFixture<SileroModelFixture>
{
    private const float Threshold = 0.5f;
    private const double FrameSeconds = 0.02;

    // Speech in jfk.wav as the same Silero model finds it when run by another runtime (Python onnxruntime with
    // get_speech_timestamps defaults: threshold 0.5, 30 ms padding, pauses under 100 ms bridged).
    private static readonly (double Start, double End)[] JfkSpeech = [(0.32, 2.27), (3.27, 4.41), (5.38, 7.68), (8.16, 10.62)];

    [Fact]
    public void Frame_decisions_on_jfk_agree_with_the_reference_segments()
    {
        using var detector = new SileroVoiceActivityDetector(fixture.Model);
        var scores = VadTestAudio.Score(detector, VadTestAudio.ReadClip("jfk.wav"));

        var agreeing = scores.Where((score, frame) => score >= Threshold == InReference(frame)).Count();
        Assert.True(agreeing >= 0.9 * scores.Length, $"{agreeing} of {scores.Length} frames agree with the reference.");

        foreach (var (start, end) in JfkSpeech)
        {
            var frames = Enumerable.Range((int)(start / FrameSeconds), (int)((end - start) / FrameSeconds)).ToList();
            var speech = frames.Count(f => scores[f] >= Threshold);
            Assert.True(speech >= 0.75 * frames.Count, $"Only {speech} of {frames.Count} frames in {start}-{end} s are speech.");
        }
    }

    [Fact]
    public void The_pauses_in_jfk_are_not_speech()
    {
        using var detector = new SileroVoiceActivityDetector(fixture.Model);
        var scores = VadTestAudio.Score(detector, VadTestAudio.ReadClip("jfk.wav"));

        // The lead-in and the pauses between segments, 100 ms clear of each edge (the reference pads by 30 ms and
        // the model's windows are 32 ms).
        var pauses = new List<(double Start, double End)> { (0, JfkSpeech[0].Start - 0.1) };
        for (var i = 1; i < JfkSpeech.Length; i++)
        {
            pauses.Add((JfkSpeech[i - 1].End + 0.1, JfkSpeech[i].Start - 0.1));
        }

        foreach (var (start, end) in pauses)
        {
            for (var frame = (int)Math.Ceiling(start / FrameSeconds); (frame + 1) * FrameSeconds <= end; frame++)
            {
                Assert.True(scores[frame] < Threshold, $"Frame at {frame * FrameSeconds:F2} s in the pause {start:F2}-{end:F2} s scored {scores[frame]:F2}.");
            }
        }
    }

    [Theory]
    [InlineData(-60)]
    [InlineData(-40)]
    [InlineData(-20)]
    [InlineData(-6)]
    public void Seeded_white_noise_is_not_speech(double dbfs)
    {
        using var detector = new SileroVoiceActivityDetector(fixture.Model);
        var scores = VadTestAudio.Score(detector, VadTestAudio.WhiteNoise(seed: 42, dbfs, seconds: 3));

        Assert.True(scores.Max() < Threshold, $"White noise at {dbfs} dBFS scored up to {scores.Max():F2}.");
    }

    [Theory]
    [InlineData(50, -40)]
    [InlineData(60, -20)]
    [InlineData(50, -6)]
    public void Mains_hum_is_not_speech(double mainsHz, double dbfs)
    {
        using var detector = new SileroVoiceActivityDetector(fixture.Model);
        var scores = VadTestAudio.Score(detector, VadTestAudio.Hum(mainsHz, dbfs, seconds: 3));

        Assert.True(scores.Max() < Threshold, $"{mainsHz} Hz hum at {dbfs} dBFS scored up to {scores.Max():F2}.");
    }

    [Fact]
    public void Calls_sharing_the_model_keep_their_own_state()
    {
        var speech = VadTestAudio.ReadClip("jfk.wav")[..(4 * PipelineAudio.SampleRate)];
        var noise = VadTestAudio.WhiteNoise(seed: 7, dbfs: -30, seconds: 4);
        using var alone = new SileroVoiceActivityDetector(fixture.Model);
        var expected = VadTestAudio.Score(alone, speech);

        using var first = new SileroVoiceActivityDetector(fixture.Model);
        using var second = new SileroVoiceActivityDetector(fixture.Model);
        var interleaved = new float[expected.Length];
        for (var f = 0; f < expected.Length; f++)
        {
            var at = f * PipelineAudio.FrameSamples;
            second.Process(noise.AsSpan(at, PipelineAudio.FrameSamples));
            interleaved[f] = first.Process(speech.AsSpan(at, PipelineAudio.FrameSamples));
        }

        Assert.Equal(expected, interleaved);
    }

    [Fact]
    public async Task Calls_on_different_threads_can_run_the_shared_session_at_once()
    {
        var clips = new[] { "jfk.wav", "goforward.wav", "LDC93S1.wav" }.Select(VadTestAudio.ReadClip).ToArray();
        var expected = clips.Select(clip =>
        {
            using var detector = new SileroVoiceActivityDetector(fixture.Model);
            return VadTestAudio.Score(detector, clip);
        }).ToArray();

        var concurrent = await Task.WhenAll(clips.Select(clip => Task.Run(() =>
        {
            using var detector = new SileroVoiceActivityDetector(fixture.Model);
            return VadTestAudio.Score(detector, clip);
        })));

        Assert.Equal(expected, concurrent);
    }

    [Fact]
    public void Windows_of_digital_silence_are_not_run_and_leave_the_model_in_its_silence_state()
    {
        // 0.96 s of digital silence: a whole number of both 20 ms frames and 32 ms windows, so the windows after it
        // line up with those of a detector that heard nothing before it.
        const int silenceSamples = 6 * 2560;
        var speech = VadTestAudio.ReadClip("jfk.wav")[..(3 * PipelineAudio.SampleRate)];
        using var fresh = new SileroVoiceActivityDetector(fixture.Model);
        VadTestAudio.Score(fresh, new short[silenceSamples]);
        var expected = VadTestAudio.Score(fresh, speech);

        // Speech, then the silence, then the same speech again: what came before the silence is forgotten.
        using var detector = new SileroVoiceActivityDetector(fixture.Model);
        VadTestAudio.Score(detector, speech[..(2 * 2560)]);
        var silentBefore = detector.SilentWindows;
        var silence = VadTestAudio.Score(detector, new short[silenceSamples]);
        var silentWindows = detector.SilentWindows - silentBefore;
        var after = VadTestAudio.Score(detector, speech);

        Assert.All(silence.Skip(2), score => Assert.Equal(0f, score));
        Assert.Equal(silenceSamples / SileroVadModel.WindowSamples, silentWindows);
        Assert.Equal(expected, after);
        Assert.Contains(expected, score => score >= Threshold);
    }

    [Fact]
    public async Task Questions_after_digital_silence_are_confirmed_within_the_confirm_window()
    {
        // The script's 48 flite questions as a G.711 caller sends them after a second of digital silence (what a
        // caller listening to the bot sends), at 16 offsets against the model's 32 ms windows, through the turn
        // detector with its default settings and the energy detector for onsets: an onset the detector rejects
        // resumes the bot it paused and loses the start of the question. Measured: 11 of 768, all in flite's 8 kHz
        // kal voice; 47 when the model started speech from its all-zero state after a silent window.
        var rejected = new List<string>();
        var trials = 0;
        foreach (var question in await ScriptQuestions.VoiceAsync())
        {
            var telephone = Telephone.ThroughG711(question.Pcm, PipelineAudio.SampleRate);
            for (var offset = 0; offset < 640; offset += 40)
            {
                var audio = new short[PipelineAudio.SampleRate + offset + telephone.Length + (PipelineAudio.SampleRate / 2)];
                telephone.CopyTo(audio, PipelineAudio.SampleRate + offset);
                using var onsets = new EnergyOnsetDetector();
                using var silero = new SileroVoiceActivityDetector(fixture.Model);
                var turns = new TurnDetector(new TurnDetectorSettings());
                trials++;
                for (var start = 0; start + PipelineAudio.FrameSamples <= audio.Length; start += PipelineAudio.FrameSamples)
                {
                    var frame = audio.AsSpan(start, PipelineAudio.FrameSamples);
                    var e = turns.Process(onsets.Process(frame), silero.Process(frame));
                    if (e == TurnEvent.Confirmed) break;
                    if (e != TurnEvent.Rejected) continue;
                    rejected.Add($"{question.Voice} \"{question.Text}\" at +{offset}");
                    break;
                }
            }
        }

        Assert.True(rejected.Count <= 16, $"{rejected.Count} of {trials} onsets rejected: {string.Join("; ", rejected)}");
    }

    [Fact]
    public void Quiet_noise_is_still_scored_by_the_model()
    {
        using var detector = new SileroVoiceActivityDetector(fixture.Model);
        var scores = VadTestAudio.Score(detector, VadTestAudio.WhiteNoise(seed: 9, dbfs: -70, seconds: 1));

        Assert.Equal(0, detector.SilentWindows);
        Assert.Contains(scores, score => score > 0);
    }

    [Fact]
    public void Reset_starts_over_as_a_new_call()
    {
        var speech = VadTestAudio.ReadClip("jfk.wav")[..(3 * PipelineAudio.SampleRate)];
        using var detector = new SileroVoiceActivityDetector(fixture.Model);
        var firstRun = VadTestAudio.Score(detector, speech);

        detector.Reset();

        Assert.Equal(firstRun, VadTestAudio.Score(detector, speech));
        Assert.Contains(firstRun, score => score >= Threshold);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(160)]
    [InlineData(319)]
    [InlineData(321)]
    [InlineData(512)]
    public void A_frame_of_the_wrong_length_is_rejected(int length)
    {
        using var detector = new SileroVoiceActivityDetector(fixture.Model);

        var error = Assert.Throws<ArgumentException>(() => detector.Process(new short[length]));

        Assert.Equal("frame", error.ParamName);
        Assert.Contains("320", error.Message);
    }

    [Fact]
    public void Disposing_twice_is_safe_and_later_use_is_refused()
    {
        var detector = new SileroVoiceActivityDetector(fixture.Model);
        detector.Dispose();
        detector.Dispose();

        Assert.Throws<ObjectDisposedException>(() => detector.Process(new short[PipelineAudio.FrameSamples]));
    }

    [Fact]
    public void A_detector_whose_model_was_disposed_refuses_to_run()
    {
        var model = NativeVadAssets.LoadModel();
        using var detector = new SileroVoiceActivityDetector(model);
        var noise = VadTestAudio.WhiteNoise(seed: 5, dbfs: -40, seconds: 0.04);
        detector.Process(noise.AsSpan(0, PipelineAudio.FrameSamples));
        model.Dispose();
        model.Dispose();

        // The frame before disposal buffered 320 of the 512 samples a window needs; this one completes a window (with
        // signal, so the model would run), which must refuse the released session rather than run on it.
        Assert.Throws<ObjectDisposedException>(() => detector.Process(noise.AsSpan(PipelineAudio.FrameSamples, PipelineAudio.FrameSamples)));
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_reported_by_onnx_runtime()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not an ONNX model");

            var error = Assert.Throws<OnnxRuntimeException>(() => SileroVadModel.Load(path, NativeVadAssets.OnnxRuntimePath));

            Assert.Equal("CreateSession", error.Operation);
            Assert.NotEqual(OrtErrorCode.Ok, error.ErrorCode);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Missing_files_are_named()
    {
        var missingModel = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "silero_vad.onnx");
        var missingRuntime = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "libonnxruntime.so");

        var noModel = Assert.Throws<FileNotFoundException>(() => SileroVadModel.Load(missingModel, NativeVadAssets.OnnxRuntimePath));
        Assert.Equal(missingModel, noModel.FileName);
        Assert.Throws<DllNotFoundException>(() => SileroVadModel.Load(NativeVadAssets.ModelPath, missingRuntime));
    }

    private static bool InReference(int frame)
    {
        var middle = (frame + 0.5) * FrameSeconds;
        return JfkSpeech.Any(segment => middle >= segment.Start && middle < segment.End);
    }
}
