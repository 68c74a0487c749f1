namespace PhoneAgent.Sip.Media.Codecs;

/// <summary>The two companding laws of ITU-T G.711.</summary>
public enum G711Law
{
    /// <summary>µ-law, payload PCMU (North America and Japan).</summary>
    MuLaw,

    /// <summary>A-law, payload PCMA (the rest of the world).</summary>
    ALaw,
}
