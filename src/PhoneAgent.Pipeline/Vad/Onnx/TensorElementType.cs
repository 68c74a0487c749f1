namespace PhoneAgent.Pipeline.Vad.Onnx;

/// <summary>The tensor element types we hand to ONNX Runtime (<c>ONNXTensorElementDataType</c>, copied from TensorProto).</summary>
internal enum TensorElementType
{
    /// <summary>ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT.</summary>
    Float = 1,

    /// <summary>ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64.</summary>
    Int64 = 7,
}
