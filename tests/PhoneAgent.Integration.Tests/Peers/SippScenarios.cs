namespace PhoneAgent.Integration.Tests.Peers;

/// <summary>
/// Paths of the scenario files shipped next to the test assembly (Scenarios/, copied by the project file).
/// UAC scenarios call the system under test and assert its responses; <see cref="UasAnswer"/> is a peer
/// for the bot to call. The <c>Peer*</c> files are companion UAS scenarios used to validate the UAC ones
/// against sipp itself, and a reference for the flows the bot must produce.
/// </summary>
public static class SippScenarios
{
    /// <summary>The folder holding the scenarios.</summary>
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "Scenarios");

    /// <summary>INVITE (PCMU) → [100] → [180] → 200 with SDP → ACK → hold (-d) → BYE → 200.</summary>
    public static string BasicCall => Of("basic-call.xml");

    /// <summary>INVITE → [100] → 180 → CANCEL → 200 (CANCEL) and 487 (INVITE) → ACK with the INVITE's branch.</summary>
    public static string Cancel => Of("cancel.xml");

    /// <summary>Out-of-dialog OPTIONS → 200 with Allow listing INVITE, ACK, CANCEL, BYE and OPTIONS.</summary>
    public static string Options => Of("options.xml");

    /// <summary>Call, re-INVITE sendonly → 200 recvonly, re-INVITE sendrecv → 200 sendrecv, BYE.</summary>
    public static string ReinviteHold => Of("reinvite-hold.xml");

    /// <summary>INVITE offering only G.729 → [100] → 488 → ACK.</summary>
    public static string UnsupportedCodec => Of("unsupported-codec.xml");

    /// <summary>INVITE → 200 → ACK, then wait for the far end's BYE and answer 200.</summary>
    public static string ByeFromBot => Of("bye-from-bot.xml");

    /// <summary>Call offering PCMU and telephone-event 101; after the ACK replays sipp's capture of the key 1 (RFC 4733), holds (-d), BYE.</summary>
    public static string DtmfCall => Of("dtmf-call.xml");

    /// <summary>
    /// Template of <see cref="DtmfCall"/> that replays the capture named by <c>{pcap}</c>; see <see cref="WithPcap"/>.
    /// </summary>
    public static string PcapCall => Of("pcap-call.xml");

    /// <summary>
    /// Template: a call to [service] through a Record-Routing proxy that replays <c>{pcap}</c>, sends its ACK with the
    /// route set and waits for the bot's BYE; see <see cref="WithPcap"/>.
    /// </summary>
    public static string ProxiedCall => Of("proxied-call.xml");

    /// <summary>An untrusted caller: INVITE → [100] → 403 without a body → ACK.</summary>
    public static string Forbidden => Of("forbidden.xml");

    /// <summary>INVITE → 401 → ACK → INVITE with Digest credentials (-au/-ap) → 200 → ACK → hold (-d) → BYE → 200.</summary>
    public static string DigestCall => Of("digest-call.xml");

    /// <summary>INVITE → 401 → ACK → INVITE with Digest credentials (-au/-ap) → 403 without a body → ACK.</summary>
    public static string DigestRefused => Of("digest-refused.xml");

    /// <summary>Call; takes the bot's REFER (202), NOTIFYs sipfrag 100 then 200, and answers the bot's BYE.</summary>
    public static string TransferAccepted => Of("transfer-accepted.xml");

    /// <summary>Call; takes the bot's REFER (202), NOTIFYs sipfrag 486, holds (-d) and hangs up itself.</summary>
    public static string TransferFailed => Of("transfer-failed.xml");

    /// <summary>UAS: answers an INVITE offering PCMU (100, 180, 200), then waits for the caller's BYE.</summary>
    public static string UasAnswer => Of("uas-answer.xml");

    /// <summary>Companion UAS for <see cref="Cancel"/>: 200 to the CANCEL, then 487.</summary>
    public static string PeerCancel => Of("peers/cancel-uas.xml");

    /// <summary>Companion UAS for <see cref="Cancel"/>: 487 first, 200 to the CANCEL after the ACK.</summary>
    public static string PeerCancelReversed => Of("peers/cancel-uas-reversed.xml");

    /// <summary>Companion UAS for <see cref="Options"/>: 200 with Allow.</summary>
    public static string PeerOptions => Of("peers/options-uas.xml");

    /// <summary>Companion UAS for <see cref="ReinviteHold"/>: answers hold with recvonly and resume with sendrecv.</summary>
    public static string PeerReinvite => Of("peers/reinvite-uas.xml");

    /// <summary>Companion UAS for <see cref="UnsupportedCodec"/>: rejects every INVITE with 488.</summary>
    public static string PeerReject488 => Of("peers/reject-488-uas.xml");

    /// <summary>Companion UAS for <see cref="ByeFromBot"/>: answers, holds for -d, then sends BYE.</summary>
    public static string PeerBye => Of("peers/bye-uas.xml");

    /// <summary>
    /// Writes <paramref name="template"/> (<see cref="PcapCall"/> by default) into <paramref name="directory"/> with
    /// <paramref name="pcapPath"/> as the capture to replay, and returns the copy's path: sipp reads the capture at
    /// load time, so the path has to be in the file.
    /// </summary>
    public static string WithPcap(string pcapPath, string directory, string? template = null)
    {
        template ??= PcapCall;
        var path = Path.Combine(directory, Path.GetFileName(template));
        File.WriteAllText(path, File.ReadAllText(template).Replace("{pcap}", Path.GetFullPath(pcapPath), StringComparison.Ordinal));
        return path;
    }

    /// <summary>The full path of a file under Scenarios/.</summary>
    public static string Of(string relativePath)
    {
        var path = Path.Combine(Directory, relativePath);
        return File.Exists(path) ? path : throw new FileNotFoundException("sipp scenario not found next to the test assembly.", path);
    }
}
