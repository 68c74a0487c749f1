using System.Text.Json;
using System.Text.Json.Serialization;

namespace PhoneAgent.Host.CallRecords;

/// <summary>
/// Writes call.json so that a reader, or a crash, never sees half a file: the record goes to a temporary file
/// in the same folder, which is flushed to disk (fsync) and then renamed over call.json. rename(2) replaces the
/// target atomically on POSIX file systems, so after kill -9 call.json is the last complete version.
/// </summary>
public static class CallRecordWriter
{
    /// <summary>The record's file name inside a call folder.</summary>
    public const string FileName = "call.json";

    /// <summary>JSON options for call.json (camelCase, indented, enums as names).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Atomically replaces <c>call.json</c> in <paramref name="folder"/> with <paramref name="record"/>.</summary>
    public static void Write(string folder, CallRecord record)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(record, JsonOptions);
        var target = Path.Combine(folder, FileName);
        var temporary = Path.Combine(folder, FileName + ".tmp");
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, target, overwrite: true);
    }

    /// <summary>Reads a call.json written by <see cref="Write"/>.</summary>
    public static CallRecord Read(string path) =>
        JsonSerializer.Deserialize<CallRecord>(File.ReadAllBytes(path), JsonOptions) ?? throw new InvalidDataException($"{path} holds no call record");
}
