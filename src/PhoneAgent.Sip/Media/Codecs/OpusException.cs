namespace PhoneAgent.Sip.Media.Codecs;

/// <summary>Thrown when a libopus call returns a negative status.</summary>
public sealed class OpusException : Exception
{
    /// <summary>Creates the exception for <paramref name="error"/> returned by <paramref name="operation"/>.</summary>
    public OpusException(OpusError error, string operation)
        : base($"{operation} failed: {Describe(error)} ({(int)error})")
    {
        Error = error;
        Operation = operation;
    }

    /// <summary>The libopus error; an undocumented code keeps its numeric value.</summary>
    public OpusError Error { get; }

    /// <summary>The raw negative status libopus returned.</summary>
    public int Code => (int)Error;

    /// <summary>The libopus function or request that failed, such as <c>opus_decode</c>.</summary>
    public string Operation { get; }

    private static string Describe(OpusError error) => error switch
    {
        OpusError.BadArgument => "OPUS_BAD_ARG",
        OpusError.BufferTooSmall => "OPUS_BUFFER_TOO_SMALL",
        OpusError.InternalError => "OPUS_INTERNAL_ERROR",
        OpusError.InvalidPacket => "OPUS_INVALID_PACKET",
        OpusError.Unimplemented => "OPUS_UNIMPLEMENTED",
        OpusError.InvalidState => "OPUS_INVALID_STATE",
        OpusError.AllocationFailed => "OPUS_ALLOC_FAIL",
        _ => "unknown libopus error",
    };
}
