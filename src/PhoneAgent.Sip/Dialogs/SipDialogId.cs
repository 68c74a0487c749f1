namespace PhoneAgent.Sip.Dialogs;

/// <summary>A dialog is identified by Call-ID, local tag and remote tag (RFC 3261 §12).</summary>
public readonly record struct SipDialogId(string CallId, string LocalTag, string RemoteTag)
{
    /// <inheritdoc />
    public override string ToString() => $"{CallId};local={LocalTag};remote={RemoteTag}";
}
