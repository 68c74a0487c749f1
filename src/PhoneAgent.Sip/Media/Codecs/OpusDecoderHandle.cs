using Microsoft.Win32.SafeHandles;

namespace PhoneAgent.Sip.Media.Codecs;

/// <summary>
/// Owns one native OpusDecoder. The SafeHandle reference count keeps the state alive while a call is inside
/// libopus, so a concurrent Dispose cannot free it under a decode.
/// </summary>
internal sealed class OpusDecoderHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Called by the interop marshaller, which then stores the pointer returned by opus_decoder_create.</summary>
    public OpusDecoderHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        OpusNative.DecoderDestroy(handle);
        return true;
    }
}
