using System.Runtime.InteropServices;
using System.Text;

namespace PhoneAgent.Pipeline.Vad.Onnx;

/// <summary>
/// The parts of the ONNX Runtime C API (onnxruntime_c_api.h) that run a small model on the CPU.
/// </summary>
/// <remarks>
/// <para>
/// libonnxruntime exports a single symbol, <c>OrtGetApiBase</c>; every other function is a pointer in the
/// <c>OrtApi</c> struct it hands out. So instead of <c>[LibraryImport]</c> declarations we read the table and call
/// through unmanaged function pointers. The library is loaded by absolute path with <see cref="NativeLibrary.Load(string)"/>
/// rather than through an assembly-wide DllImport resolver, because this assembly allows only one resolver and other
/// components of the pipeline load their own native libraries.
/// </para>
/// <para>
/// Slot numbers are the member positions in <c>struct OrtApi</c> of the version-13 header. ONNX Runtime only appends
/// to that struct and keeps retired slots in place (its ABI promise, checked by static_asserts in onnxruntime_c_api.cc),
/// so asking any later library for version 13 returns a table these positions fit.
/// </para>
/// <para>
/// The library is never unloaded: ONNX Runtime's environment is process-wide and the library is not built to be
/// dlclosed while the process lives on, so it stays mapped like any library the runtime resolves itself.
/// </para>
/// </remarks>
internal sealed unsafe class OnnxRuntimeApi
{
    private const uint ApiVersion = 13;

    private const int GetErrorCodeSlot = 1;
    private const int GetErrorMessageSlot = 2;
    private const int CreateEnvSlot = 3;
    private const int CreateSessionSlot = 7;
    private const int RunSlot = 9;
    private const int CreateSessionOptionsSlot = 10;
    private const int SetSessionGraphOptimizationLevelSlot = 23;
    private const int SetIntraOpNumThreadsSlot = 24;
    private const int SetInterOpNumThreadsSlot = 25;
    private const int SessionGetInputCountSlot = 30;
    private const int SessionGetOutputCountSlot = 31;
    private const int SessionGetInputNameSlot = 36;
    private const int SessionGetOutputNameSlot = 37;
    private const int CreateTensorWithDataAsOrtValueSlot = 49;
    private const int CreateCpuMemoryInfoSlot = 69;
    private const int AllocatorFreeSlot = 76;
    private const int GetAllocatorWithDefaultOptionsSlot = 78;
    private const int ReleaseEnvSlot = 92;
    private const int ReleaseStatusSlot = 93;
    private const int ReleaseMemoryInfoSlot = 94;
    private const int ReleaseSessionSlot = 95;
    private const int ReleaseValueSlot = 96;
    private const int ReleaseSessionOptionsSlot = 100;

    // OrtLoggingLevel ORT_LOGGING_LEVEL_ERROR: ONNX Runtime's default logger writes to stderr, and its warnings
    // (unused initializers and the like) are noise in a telephony service's output.
    private const int LoggingLevelError = 3;

    // GraphOptimizationLevel ORT_ENABLE_ALL.
    private const int GraphOptimizationAll = 99;

    // OrtAllocatorType OrtArenaAllocator and OrtMemType OrtMemTypeDefault: plain CPU memory.
    private const int ArenaAllocator = 1;
    private const int DefaultMemoryType = 0;

    private readonly IntPtr* _api;

    private OnnxRuntimeApi(IntPtr* api, string version)
    {
        _api = api;
        Version = version;
    }

    /// <summary>The library's version string, such as "1.28.2".</summary>
    public string Version { get; }

    /// <summary>Loads libonnxruntime from <paramref name="libraryPath"/> and fetches its C API table.</summary>
    /// <exception cref="DllNotFoundException">The library is missing or cannot be loaded.</exception>
    /// <exception cref="EntryPointNotFoundException">The library does not export OrtGetApiBase.</exception>
    /// <exception cref="NotSupportedException">The library is older than the API version we call.</exception>
    public static OnnxRuntimeApi Load(string libraryPath)
    {
        var library = NativeLibrary.Load(libraryPath);
        var getApiBase = (delegate* unmanaged<IntPtr*>)NativeLibrary.GetExport(library, "OrtGetApiBase");

        // struct OrtApiBase { const OrtApi* (*GetApi)(uint32_t version); const char* (*GetVersionString)(void); }
        var apiBase = getApiBase();
        var getApi = (delegate* unmanaged<uint, IntPtr*>)apiBase[0];
        var getVersionString = (delegate* unmanaged<byte*>)apiBase[1];
        var version = Marshal.PtrToStringUTF8((IntPtr)getVersionString()) ?? "unknown";
        var api = getApi(ApiVersion);
        if (api is null)
        {
            throw new NotSupportedException(
                $"ONNX Runtime {version} at {libraryPath} does not offer C API version {ApiVersion} (ONNX Runtime 1.13 or later is needed).");
        }

        return new OnnxRuntimeApi(api, version);
    }

    /// <summary>Creates (or joins: ONNX Runtime keeps one per process) the runtime environment.</summary>
    public OrtHandle CreateEnvironment(string logId)
    {
        var create = (delegate* unmanaged<int, byte*, IntPtr*, IntPtr>)_api[CreateEnvSlot];
        IntPtr environment;
        fixed (byte* id = NullTerminatedUtf8(logId))
        {
            Check(create(LoggingLevelError, id, &environment), "CreateEnv");
        }

        return new OrtHandle(environment, (delegate* unmanaged<IntPtr, void>)_api[ReleaseEnvSlot]);
    }

    /// <summary>
    /// Loads the model at <paramref name="modelPath"/> into a session that runs on the calling thread only: the models
    /// we run are small enough that handing work to a thread pool would cost more than it saves, and a telephony host
    /// runs many calls on few cores.
    /// </summary>
    public OrtHandle CreateSession(OrtHandle environment, string modelPath)
    {
        var createOptions = (delegate* unmanaged<IntPtr*, IntPtr>)_api[CreateSessionOptionsSlot];
        var setOptimization = (delegate* unmanaged<IntPtr, int, IntPtr>)_api[SetSessionGraphOptimizationLevelSlot];
        var setIntraOpThreads = (delegate* unmanaged<IntPtr, int, IntPtr>)_api[SetIntraOpNumThreadsSlot];
        var setInterOpThreads = (delegate* unmanaged<IntPtr, int, IntPtr>)_api[SetInterOpNumThreadsSlot];
        var createSession = (delegate* unmanaged<IntPtr, byte*, IntPtr, IntPtr*, IntPtr>)_api[CreateSessionSlot];

        IntPtr rawOptions;
        Check(createOptions(&rawOptions), "CreateSessionOptions");
        using var options = new OrtHandle(rawOptions, (delegate* unmanaged<IntPtr, void>)_api[ReleaseSessionOptionsSlot]);
        Check(setOptimization(rawOptions, GraphOptimizationAll), "SetSessionGraphOptimizationLevel");
        Check(setIntraOpThreads(rawOptions, 1), "SetIntraOpNumThreads");
        Check(setInterOpThreads(rawOptions, 1), "SetInterOpNumThreads");

        var addedEnvironment = false;
        environment.DangerousAddRef(ref addedEnvironment);
        try
        {
            IntPtr session;

            // ORTCHAR_T is char (UTF-8) everywhere but Windows, where it is wchar_t; we ship on Linux only.
            fixed (byte* path = NullTerminatedUtf8(modelPath))
            {
                Check(createSession(environment.DangerousGetHandle(), path, rawOptions, &session), "CreateSession");
            }

            return new OrtHandle(session, (delegate* unmanaged<IntPtr, void>)_api[ReleaseSessionSlot], environment);
        }
        finally
        {
            environment.DangerousRelease();
        }
    }

    /// <summary>The names of the session's inputs, in the model's order.</summary>
    public string[] GetInputNames(OrtHandle session) =>
        GetNames(session, SessionGetInputCountSlot, "SessionGetInputCount", SessionGetInputNameSlot, "SessionGetInputName");

    /// <summary>The names of the session's outputs, in the model's order.</summary>
    public string[] GetOutputNames(OrtHandle session) =>
        GetNames(session, SessionGetOutputCountSlot, "SessionGetOutputCount", SessionGetOutputNameSlot, "SessionGetOutputName");

    /// <summary>
    /// Wraps caller-owned CPU memory as a tensor without copying. The memory must stay pinned and alive for as long as
    /// the returned value is used; releasing the value does not free it.
    /// </summary>
    public OrtHandle CreateTensor(void* data, int byteLength, ReadOnlySpan<long> shape, TensorElementType elementType)
    {
        var createMemoryInfo = (delegate* unmanaged<int, int, IntPtr*, IntPtr>)_api[CreateCpuMemoryInfoSlot];
        var releaseMemoryInfo = (delegate* unmanaged<IntPtr, void>)_api[ReleaseMemoryInfoSlot];
        var createTensor =
            (delegate* unmanaged<IntPtr, void*, nuint, long*, nuint, int, IntPtr*, IntPtr>)_api[CreateTensorWithDataAsOrtValueSlot];

        IntPtr memoryInfo;
        Check(createMemoryInfo(ArenaAllocator, DefaultMemoryType, &memoryInfo), "CreateCpuMemoryInfo");
        try
        {
            IntPtr value;
            fixed (long* dimensions = shape)
            {
                // The tensor copies the memory description, so the info can go as soon as the tensor exists.
                Check(
                    createTensor(memoryInfo, data, (nuint)byteLength, dimensions, (nuint)shape.Length, (int)elementType, &value),
                    "CreateTensorWithDataAsOrtValue");
            }

            return new OrtHandle(value, (delegate* unmanaged<IntPtr, void>)_api[ReleaseValueSlot]);
        }
        finally
        {
            releaseMemoryInfo(memoryInfo);
        }
    }

    /// <summary>
    /// Runs the session once. Every output slot must hold a value whose shape matches the model's output, which
    /// ONNX Runtime then fills in place; that keeps a run free of allocations on our side.
    /// </summary>
    /// <remarks>The caller keeps <paramref name="session"/> and every value alive (referenced) for the duration.</remarks>
    public void Run(IntPtr session, IntPtr* inputNames, IntPtr* inputs, int inputCount, IntPtr* outputNames, IntPtr* outputs, int outputCount)
    {
        var run = (delegate* unmanaged<IntPtr, IntPtr, IntPtr*, IntPtr*, nuint, IntPtr*, nuint, IntPtr*, IntPtr>)_api[RunSlot];
        Check(run(session, IntPtr.Zero, inputNames, inputs, (nuint)inputCount, outputNames, (nuint)outputCount, outputs), "Run");
    }

    private string[] GetNames(OrtHandle session, int countSlot, string countOperation, int nameSlot, string nameOperation)
    {
        var getCount = (delegate* unmanaged<IntPtr, nuint*, IntPtr>)_api[countSlot];
        var getName = (delegate* unmanaged<IntPtr, nuint, IntPtr, byte**, IntPtr>)_api[nameSlot];
        var getAllocator = (delegate* unmanaged<IntPtr*, IntPtr>)_api[GetAllocatorWithDefaultOptionsSlot];
        var free = (delegate* unmanaged<IntPtr, void*, IntPtr>)_api[AllocatorFreeSlot];

        var added = false;
        session.DangerousAddRef(ref added);
        try
        {
            var raw = session.DangerousGetHandle();
            nuint count;
            Check(getCount(raw, &count), countOperation);

            // The default allocator is process-wide and must not be released.
            IntPtr allocator;
            Check(getAllocator(&allocator), "GetAllocatorWithDefaultOptions");
            var names = new string[(int)count];
            for (var i = 0; i < names.Length; i++)
            {
                byte* name;
                Check(getName(raw, (nuint)i, allocator, &name), nameOperation);
                names[i] = Marshal.PtrToStringUTF8((IntPtr)name) ?? string.Empty;
                Check(free(allocator, name), "AllocatorFree");
            }

            return names;
        }
        finally
        {
            session.DangerousRelease();
        }
    }

    private void Check(IntPtr status, string operation)
    {
        if (status == IntPtr.Zero)
        {
            return;
        }

        var getErrorCode = (delegate* unmanaged<IntPtr, int>)_api[GetErrorCodeSlot];
        var getErrorMessage = (delegate* unmanaged<IntPtr, byte*>)_api[GetErrorMessageSlot];
        var releaseStatus = (delegate* unmanaged<IntPtr, void>)_api[ReleaseStatusSlot];
        var code = (OrtErrorCode)getErrorCode(status);
        var message = Marshal.PtrToStringUTF8((IntPtr)getErrorMessage(status)) ?? string.Empty;
        releaseStatus(status);
        throw new OnnxRuntimeException(code, operation, message);
    }

    private static byte[] NullTerminatedUtf8(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }
}
