using Microsoft.Win32.SafeHandles;

namespace PhoneAgent.Sip.Media.Session;

/// <summary>Owns a Linux file descriptor (an epoll instance or an eventfd) and closes it when released.</summary>
internal sealed class FileDescriptorHandle : SafeHandleMinusOneIsInvalid
{
    /// <summary>Called by the interop marshaller, which then stores the descriptor the native call returned.</summary>
    public FileDescriptorHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => LinuxNative.Close((int)handle) == 0;
}
