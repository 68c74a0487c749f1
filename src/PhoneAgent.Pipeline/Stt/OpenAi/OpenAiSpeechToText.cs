using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenAI;
using OpenAI.Audio;

namespace PhoneAgent.Pipeline.Stt.OpenAi;

/// <summary>
/// Recognition through an OpenAI-compatible transcription endpoint: each utterance is buffered and posted as one
/// WAV file when it is flushed, so there are no partial results.
/// </summary>
/// <remarks>
/// A failed or timed-out request yields a final with empty text and an error in the log, never an exception in
/// <see cref="ISpeechToTextStream.Results"/>: a call must survive a flaky server, and an empty final reads as
/// "nothing recognised". Narrowband audio is sent as it is (the server's model copes with telephone audio);
/// <see cref="SpeechStreamOptions.Hints"/> go to the server as the transcription prompt.
/// </remarks>
public sealed class OpenAiSpeechToText : ISpeechToText
{
    private readonly OpenAiSttSettings _settings;
    private readonly AudioClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the engine; no request is made until an utterance is flushed.</summary>
    /// <param name="settings">The endpoint, model, key and timeout.</param>
    /// <param name="time">The clock that runs the per-request timeout.</param>
    /// <param name="logger">Where failed requests are reported.</param>
    public OpenAiSpeechToText(OpenAiSttSettings settings, TimeProvider? time = null, ILogger<OpenAiSpeechToText>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        var options = new OpenAIClientOptions
        {
            Endpoint = settings.BaseUrl,
            NetworkTimeout = settings.Timeout,

            // A retry would only push the reply past the caller's patience; a failed utterance gets an empty final.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        };
        _client = new AudioClient(settings.Model, new ApiKeyCredential(settings.ApiKey), options);
    }

    /// <inheritdoc />
    public string Name => "openai";

    /// <inheritdoc />
    public ISpeechToTextStream CreateStream(SpeechStreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var transcription = new AudioTranscriptionOptions { ResponseFormat = AudioTranscriptionFormat.Simple };
        if (options.Hints.Count > 0) transcription.Prompt = string.Join(", ", options.Hints);
        return new OpenAiSpeechStream(this, transcription);
    }

    /// <summary>Transcribes one utterance; any failure is logged and becomes empty text.</summary>
    internal async Task<string> TranscribeAsync(byte[] wav, AudioTranscriptionOptions options, CancellationToken cancellation)
    {
        using var timeout = new CancellationTokenSource(_settings.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellation, timeout.Token);
        try
        {
            using var audio = new MemoryStream(wav, writable: false);
            var result = await _client.TranscribeAudioAsync(audio, "utterance.wav", options, linked.Token).ConfigureAwait(false);
            return result.Value.Text?.Trim() ?? string.Empty;
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            // Our timer or the SDK's network timeout, whichever fired first.
            _logger.LogError("Transcription at {BaseUrl} timed out after {Timeout}", _settings.BaseUrl, _settings.Timeout);
        }
        catch (ClientResultException ex)
        {
            _logger.LogError("Transcription at {BaseUrl} failed with HTTP {Status}: {Message}", _settings.BaseUrl, ex.Status, ex.Message);
        }
        catch (Exception ex) when (!cancellation.IsCancellationRequested)
        {
            // Connection refused, a malformed reply, anything else: the call goes on without this utterance.
            _logger.LogError(ex, "Transcription at {BaseUrl} failed", _settings.BaseUrl);
        }

        return string.Empty;
    }
}
