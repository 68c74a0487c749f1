namespace PhoneAgent.Pipeline.Vad.Onnx;

/// <summary>Thrown when an ONNX Runtime C API call returns a non-null <c>OrtStatus</c>.</summary>
public sealed class OnnxRuntimeException : Exception
{
    /// <summary>Creates the exception for a failed <paramref name="operation"/>.</summary>
    public OnnxRuntimeException(OrtErrorCode errorCode, string operation, string message)
        : base($"ONNX Runtime {operation} failed ({errorCode}): {message}")
    {
        ErrorCode = errorCode;
        Operation = operation;
    }

    /// <summary>The status code ONNX Runtime reported; an undocumented code keeps its numeric value.</summary>
    public OrtErrorCode ErrorCode { get; }

    /// <summary>The C API function that failed, such as <c>Run</c>.</summary>
    public string Operation { get; }
}
