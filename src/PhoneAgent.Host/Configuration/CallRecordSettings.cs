namespace PhoneAgent.Host.Configuration;

/// <summary>The "CallRecords" section: where each call's folder (call.json and the recording) goes.</summary>
public sealed class CallRecordSettings
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "CallRecords";

    /// <summary>Folder holding one sub-folder per call; relative paths are relative to the working directory.</summary>
    public string Folder { get; set; } = "calls";

    /// <summary>Whether to write call records at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The folder as a full path; throws <see cref="ConfigurationException"/> naming <c>CallRecords:Folder</c>.</summary>
    public string Validate()
    {
        var key = $"{Section}:{nameof(Folder)}";
        if (string.IsNullOrWhiteSpace(Folder)) throw new ConfigurationException(key, "must not be empty");
        if (Folder.IndexOfAny(Path.GetInvalidPathChars()) >= 0) throw new ConfigurationException(key, $"'{Folder}' is not a valid path");
        return Path.GetFullPath(Folder);
    }
}
