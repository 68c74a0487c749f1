using Microsoft.Win32.SafeHandles;

namespace PhoneAgent.Sip.Media.Codecs;

/// <summary>
/// Owns one native OpusEncoder. The SafeHandle reference count keeps the state alive while a call is inside
/// libopus, so a concurrent Dispose cannot free it under an encode.
/// </summary>
internal sealed class OpusEncoderHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Called by the interop marshaller, which then stores the pointer returned by opus_encoder_create.</summary>
    public OpusEncoderHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        OpusNative.EncoderDestroy(handle);
        return true;
    }
}
