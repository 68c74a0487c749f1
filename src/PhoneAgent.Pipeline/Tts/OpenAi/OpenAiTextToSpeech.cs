using System.Buffers;
using System.Buffers.Binary;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Runtime.CompilerServices;
using System.Text.Json;
using OpenAI;
using OpenAI.Audio;
using PhoneAgent.Pipeline.Audio;

namespace PhoneAgent.Pipeline.Tts.OpenAi;

/// <summary>
/// Speaks through an OpenAI-compatible <c>POST {base}/audio/speech</c> endpoint, asking for raw PCM (24 kHz
/// mono, 16-bit little-endian) and resampling it to 16 kHz as the response body arrives, so playback can start
/// with the first bytes rather than after the whole utterance.
/// </summary>
/// <remarks>
/// The SDK's convenience call buffers the whole body, and its streaming call speaks server-sent events that only
/// some models and few compatible servers offer; the protocol call with <see cref="RequestOptions.BufferResponse"/>
/// off exposes the plain body as a network stream, which every server that can answer at all supports.
/// </remarks>
public sealed class OpenAiTextToSpeech : ITextToSpeech
{
    /// <summary>The engine name used in logs and exceptions.</summary>
    public const string EngineName = "openai";

    /// <summary>The voice used when none is configured.</summary>
    public const string DefaultVoice = "alloy";

    /// <summary>The rate of OpenAI's <c>pcm</c> response format.</summary>
    public const int ResponseSampleRate = 24000;

    // 100 ms of 24 kHz PCM16 per read: small enough to pass audio on promptly, large enough to keep reads few.
    private const int ReadBytes = ResponseSampleRate / 10 * sizeof(short);

    private readonly AudioClient _client;
    private readonly string _model;
    private readonly string _voice;

    /// <summary>Creates a client for <paramref name="baseUrl"/> (e.g. https://api.openai.com/v1).</summary>
    public OpenAiTextToSpeech(Uri baseUrl, string apiKey, string model, string voice = DefaultVoice)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(voice);
        // No retries: the SDK's default backs off for seconds, while a caller is waiting for the bot to answer;
        // failing at once lets the pipeline apologise or fall back instead.
        var options = new OpenAIClientOptions { Endpoint = baseUrl, RetryPolicy = new ClientRetryPolicy(maxRetries: 0) };
        _client = new AudioClient(model, new ApiKeyCredential(apiKey), options);
        _model = model;
        _voice = voice;
    }

    /// <inheritdoc />
    public string Name => EngineName;

    /// <inheritdoc />
    public IAsyncEnumerable<short[]> SynthesizeAsync(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        return StreamAsync(text, cancellationToken);
    }

    private async IAsyncEnumerable<short[]> StreamAsync(string text, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text)) yield break;
        using var response = await SendAsync(text, cancellationToken).ConfigureAwait(false);
        var body = response.ContentStream ?? throw new TextToSpeechException(EngineName, "the response has no body", response.Status);
        var resampler = new PcmResampler(ResponseSampleRate, PipelineAudio.SampleRate);
        var buffer = new byte[ReadBytes + 1];
        var carried = 0;
        while (true)
        {
            var read = await ReadAsync(body, buffer.AsMemory(carried, ReadBytes), cancellationToken).ConfigureAwait(false);
            if (read == 0) break;

            // Reads may end mid-sample; an odd byte waits for its partner.
            var available = carried + read;
            var whole = available & ~1;
            var chunk = TtsAudio.ResampleNext(resampler, ToSamples(buffer.AsSpan(0, whole)));
            carried = available - whole;
            if (carried == 1) buffer[0] = buffer[whole];
            if (chunk.Length > 0) yield return chunk;
        }
    }

    private async Task<PipelineResponse> SendAsync(string text, CancellationToken cancellationToken)
    {
        var options = new RequestOptions { BufferResponse = false, CancellationToken = cancellationToken };
        try
        {
            var result = await _client.GenerateSpeechAsync(BinaryContent.Create(RequestBody(text)), options).ConfigureAwait(false);
            return result.GetRawResponse();
        }
        catch (ClientResultException e)
        {
            throw new TextToSpeechException(EngineName, $"the speech request failed: {e.Message}", e.Status == 0 ? null : e.Status, e);
        }
    }

    private static async Task<int> ReadAsync(Stream body, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new TextToSpeechException(EngineName, "the speech response broke off", innerException: e);
        }
    }

    private BinaryData RequestBody(string text)
    {
        var json = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteString("model", _model);
            writer.WriteString("input", text);
            writer.WriteString("voice", _voice);
            writer.WriteString("response_format", "pcm");
            writer.WriteEndObject();
        }

        return new BinaryData(json.WrittenMemory);
    }

    private static short[] ToSamples(ReadOnlySpan<byte> bytes)
    {
        var samples = new short[bytes.Length / sizeof(short)];
        for (var i = 0; i < samples.Length; i++) samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes[(2 * i)..]);
        return samples;
    }
}
