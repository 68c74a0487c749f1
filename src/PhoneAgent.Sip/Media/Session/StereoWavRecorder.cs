using System.Buffers.Binary;

namespace PhoneAgent.Sip.Media.Session;

/// <summary>
/// Records a call as a 16 kHz 16-bit stereo WAV file, the caller on the left channel and the bot on the right,
/// written as the call goes. The RIFF and data sizes are patched after every flush, so a process that is killed
/// leaves a playable file holding everything up to the last flush.
/// </summary>
/// <remarks>
/// <para>
/// The two channels arrive separately; samples are interleaved as soon as both sides have them. When one side falls
/// more than <see cref="MaxSkewSamples"/> behind (it stopped producing), the other is written against silence so
/// that memory stays bounded. Sizes are capped at the 32-bit RIFF limit, about 18 hours at this rate.
/// </para>
/// <para>Thread-safe; a failed write (disk full) throws from the write or flush call that hit it.</para>
/// </remarks>
public sealed class StereoWavRecorder : IDisposable
{
    /// <summary>The sample rate of both channels.</summary>
    public const int SampleRate = 16000;

    /// <summary>How far one channel may run ahead of the other before the lagging one is filled with silence.</summary>
    public const int MaxSkewSamples = SampleRate;

    private const int HeaderSize = 44;
    private const int Channels = 2;
    private const int BytesPerFrame = Channels * sizeof(short);

    private readonly Lock _gate = new();
    private readonly FileStream _file;
    private readonly long _flushFrames;
    private readonly ChannelBuffer _left = new();
    private readonly ChannelBuffer _right = new();
    private byte[] _interleaved = new byte[4096];
    private long _framesWritten;
    private long _framesAtFlush;
    private bool _disposed;

    /// <summary>Creates (or overwrites) <paramref name="path"/> and writes the header of an empty recording.</summary>
    /// <param name="path">The WAV file to write.</param>
    /// <param name="flushInterval">How much audio to write between header patches; 1 s by default.</param>
    public StereoWavRecorder(string path, TimeSpan? flushInterval = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var interval = flushInterval ?? TimeSpan.FromSeconds(1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _flushFrames = Math.Max(1, interval.Ticks * SampleRate / TimeSpan.TicksPerSecond);
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        Span<byte> header = stackalloc byte[HeaderSize];
        WriteHeader(header, 0);
        _file.Write(header);
        _file.Flush();
    }

    /// <summary>Stereo sample frames whose sizes are in the header: what a reader of the file now sees.</summary>
    public long FlushedFrames
    {
        get { lock (_gate) return _framesAtFlush; }
    }

    /// <summary>Appends caller audio (left channel).</summary>
    public void WriteCaller(ReadOnlySpan<short> pcm) => Write(_left, pcm);

    /// <summary>Appends bot audio (right channel).</summary>
    public void WriteBot(ReadOnlySpan<short> pcm) => Write(_right, pcm);

    /// <summary>Writes every paired sample and patches the header, so the file on disk is complete up to here.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            FlushHeader();
        }
    }

    /// <summary>Writes what is left of either channel, the shorter one padded with silence, patches the header and closes the file.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            Interleave(Math.Max(_left.Count, _right.Count));
            FlushHeader();
            _file.Dispose();
        }
    }

    private void Write(ChannelBuffer channel, ReadOnlySpan<short> pcm)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            channel.Append(pcm);
            var paired = Math.Min(_left.Count, _right.Count);
            var skew = Math.Abs(_left.Count - _right.Count);
            Interleave(skew > MaxSkewSamples ? Math.Max(_left.Count, _right.Count) - MaxSkewSamples : paired);
            if (_framesWritten - _framesAtFlush >= _flushFrames) FlushHeader();
        }
    }

    // Writes the first `frames` samples of both channels, taking silence where a channel has fewer.
    private void Interleave(int frames)
    {
        if (frames <= 0) return;
        if (_interleaved.Length < frames * BytesPerFrame) _interleaved = new byte[frames * BytesPerFrame * 2];
        var left = _left.Samples;
        var right = _right.Samples;
        for (var i = 0; i < frames; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(_interleaved.AsSpan(i * BytesPerFrame), i < left.Length ? left[i] : (short)0);
            BinaryPrimitives.WriteInt16LittleEndian(_interleaved.AsSpan((i * BytesPerFrame) + 2), i < right.Length ? right[i] : (short)0);
        }

        _file.Write(_interleaved, 0, frames * BytesPerFrame);
        _left.Consume(frames);
        _right.Consume(frames);
        _framesWritten += frames;
    }

    private void FlushHeader()
    {
        var end = _file.Position;
        Span<byte> header = stackalloc byte[HeaderSize];
        WriteHeader(header, _framesWritten * BytesPerFrame);
        _file.Position = 0;
        _file.Write(header);
        _file.Position = end;

        // Flush to the OS, not to the platter: that survives a killed process, which is the failure this guards.
        _file.Flush();
        _framesAtFlush = _framesWritten;
    }

    // The canonical 44-byte header of a PCM WAVE file: a RIFF chunk holding "fmt " (16 bytes, format 1) and "data".
    private static void WriteHeader(Span<byte> header, long dataBytes)
    {
        var data = (uint)Math.Min(dataBytes, uint.MaxValue - HeaderSize);
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], data + HeaderSize - 8);
        "WAVE"u8.CopyTo(header[8..]);
        "fmt "u8.CopyTo(header[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(header[20..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(header[22..], Channels);
        BinaryPrimitives.WriteUInt32LittleEndian(header[24..], SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(header[28..], SampleRate * BytesPerFrame);
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], BytesPerFrame);
        BinaryPrimitives.WriteUInt16LittleEndian(header[34..], 16);
        "data"u8.CopyTo(header[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[40..], data);
    }
}
