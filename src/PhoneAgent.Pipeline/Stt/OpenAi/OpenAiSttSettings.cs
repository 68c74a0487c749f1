namespace PhoneAgent.Pipeline.Stt.OpenAi;

/// <summary>Where and how to reach an OpenAI-compatible <c>/v1/audio/transcriptions</c> endpoint.</summary>
/// <param name="BaseUrl">The API base, including the version path (<c>https://api.openai.com/v1</c>, or a local server's <c>http://127.0.0.1:8000/v1</c>).</param>
/// <param name="Model">The transcription model (<c>whisper-1</c>, <c>gpt-4o-transcribe</c>, or whatever the server serves).</param>
/// <param name="ApiKey">The bearer key; a secret, never printed by <see cref="ToString"/>.</param>
/// <param name="Timeout">How long one utterance's request may take before its final is given up as empty.</param>
public sealed record OpenAiSttSettings(Uri BaseUrl, string Model, string ApiKey, TimeSpan Timeout)
{
    /// <summary>The settings with the key masked, so they can be logged.</summary>
    public override string ToString() => $"OpenAiSttSettings {{ BaseUrl = {BaseUrl}, Model = {Model}, ApiKey = ***, Timeout = {Timeout} }}";
}
