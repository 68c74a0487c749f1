using Microsoft.Win32.SafeHandles;

namespace PhoneAgent.Pipeline.Vad.Onnx;

/// <summary>
/// Owns one ONNX Runtime object (<c>OrtEnv</c>, <c>OrtSession</c>, <c>OrtValue</c>...) and releases it with the
/// matching <c>OrtApi::Release*</c> function. The SafeHandle reference count keeps the object alive while a call is
/// inside ONNX Runtime, so a concurrent Dispose cannot free a session under a Run.
/// </summary>
/// <remarks>
/// An object that must not outlive another (a session needs its environment) holds a reference on the other's
/// handle, released only after its own release: disposal order then never matters.
/// </remarks>
internal sealed unsafe class OrtHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private readonly delegate* unmanaged<IntPtr, void> _release;
    private readonly OrtHandle? _dependency;

    /// <summary>Takes ownership of <paramref name="pointer"/>, keeping <paramref name="dependency"/> alive until released.</summary>
    public OrtHandle(IntPtr pointer, delegate* unmanaged<IntPtr, void> release, OrtHandle? dependency = null)
        : base(ownsHandle: true)
    {
        _release = release;
        if (dependency is not null)
        {
            try
            {
                var added = false;
                dependency.DangerousAddRef(ref added);
            }
            catch (ObjectDisposedException)
            {
                // The dependency is already gone; do not leak the new object on the way out.
                release(pointer);
                throw;
            }

            _dependency = dependency;
        }

        SetHandle(pointer);
    }

    protected override bool ReleaseHandle()
    {
        _release(handle);
        _dependency?.DangerousRelease();
        return true;
    }
}
