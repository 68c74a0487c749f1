using System.Runtime.InteropServices;

namespace PhoneAgent.Pipeline.Tts.Flite;

/// <summary>Owns one <c>cst_wave</c> returned by <c>flite_text_to_wave</c> and frees it with <c>delete_wave</c>.</summary>
internal sealed class FliteWaveHandle : SafeHandle
{
    /// <summary>Called by the interop marshaller; the handle is set from the native return value.</summary>
    public FliteWaveHandle()
        : base(nint.Zero, ownsHandle: true)
    {
    }

    /// <inheritdoc />
    public override bool IsInvalid => handle == nint.Zero;

    /// <summary>Copies the samples out as a mono 16-bit buffer and returns it with its sample rate.</summary>
    /// <exception cref="TextToSpeechException">The wave is not mono or reports a nonsensical size or rate.</exception>
    public unsafe (short[] Samples, int SampleRate) Read()
    {
        var wave = (FliteNative.CstWave*)handle;
        if (wave->NumChannels != 1 || wave->NumSamples < 0 || wave->SampleRate <= 0 || (wave->NumSamples > 0 && wave->Samples == null))
        {
            throw new TextToSpeechException(FliteTextToSpeech.EngineName, $"flite returned a wave of {wave->NumSamples} samples, {wave->NumChannels} channels at {wave->SampleRate} Hz");
        }

        var samples = new ReadOnlySpan<short>(wave->Samples, wave->NumSamples).ToArray();
        return (samples, wave->SampleRate);
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        FliteNative.DeleteWave(handle);
        return true;
    }
}
