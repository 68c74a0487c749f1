namespace PhoneAgent.Pipeline.Tests.Stt;

/// <summary>What the fake transcription server received.</summary>
internal sealed record TranscriptionRequest(string Authorization, string Model, string Prompt, byte[] File);
