namespace PhoneAgent.Pipeline.Vad.Onnx;

/// <summary>The status codes of an ONNX Runtime <c>OrtStatus</c> (<c>OrtErrorCode</c> in onnxruntime_c_api.h).</summary>
public enum OrtErrorCode
{
    /// <summary>ORT_OK.</summary>
    Ok = 0,

    /// <summary>ORT_FAIL: an unspecified failure.</summary>
    Fail = 1,

    /// <summary>ORT_INVALID_ARGUMENT: an input had the wrong name, type or shape.</summary>
    InvalidArgument = 2,

    /// <summary>ORT_NO_SUCHFILE: the model file does not exist.</summary>
    NoSuchFile = 3,

    /// <summary>ORT_NO_MODEL: the file is not a model.</summary>
    NoModel = 4,

    /// <summary>ORT_ENGINE_ERROR: the execution engine failed.</summary>
    EngineError = 5,

    /// <summary>ORT_RUNTIME_EXCEPTION: an operator threw while running.</summary>
    RuntimeException = 6,

    /// <summary>ORT_INVALID_PROTOBUF: the model file is not a valid ONNX protobuf.</summary>
    InvalidProtobuf = 7,

    /// <summary>ORT_MODEL_LOADED: a model was already loaded into the session.</summary>
    ModelLoaded = 8,

    /// <summary>ORT_NOT_IMPLEMENTED: the model uses an operator this build lacks.</summary>
    NotImplemented = 9,

    /// <summary>ORT_INVALID_GRAPH: the model's graph is malformed.</summary>
    InvalidGraph = 10,

    /// <summary>ORT_EP_FAIL: an execution provider failed.</summary>
    ExecutionProviderFailed = 11,
}
