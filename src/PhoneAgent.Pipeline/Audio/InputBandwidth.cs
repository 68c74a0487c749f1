namespace PhoneAgent.Pipeline.Audio;

/// <summary>How much of the 16 kHz input spectrum carries the caller's voice.</summary>
public enum InputBandwidth
{
    /// <summary>Telephone band (G.711: 0–4 kHz) upsampled to 16 kHz; the 4–8 kHz band is empty.</summary>
    Narrowband,

    /// <summary>Genuine wideband audio (Opus), used untouched.</summary>
    Wideband,
}
