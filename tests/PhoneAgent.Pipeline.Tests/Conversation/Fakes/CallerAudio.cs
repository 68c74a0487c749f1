using PhoneAgent.Pipeline.Audio;

namespace PhoneAgent.Pipeline.Tests.Conversation.Fakes;

/// <summary>Caller frames that tell <see cref="FakeVad"/> what to report.</summary>
public static class CallerAudio
{
    public static short[] Silence() => Frame(0);

    /// <summary>A click or cough: only the fast onset detector fires.</summary>
    public static short[] Noise() => Frame(1);

    /// <summary>Speech: both detectors fire.</summary>
    public static short[] Speech() => Frame(3);

    private static short[] Frame(short value)
    {
        var frame = new short[PipelineAudio.FrameSamples];
        Array.Fill(frame, value);
        return frame;
    }
}
