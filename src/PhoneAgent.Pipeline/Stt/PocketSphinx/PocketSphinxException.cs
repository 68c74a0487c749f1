namespace PhoneAgent.Pipeline.Stt.PocketSphinx;

/// <summary>A pocketsphinx call failed: the library or model could not be loaded, or a decoder call returned an error code.</summary>
public sealed class PocketSphinxException : Exception
{
    /// <summary>Creates the exception for a failed native call.</summary>
    /// <param name="function">The pocketsphinx function that failed.</param>
    /// <param name="result">Its return code (negative for errors), or null when it returned a null pointer.</param>
    /// <param name="detail">What the caller was doing.</param>
    /// <param name="inner">The interop failure, when the library itself could not be loaded.</param>
    public PocketSphinxException(string function, int? result, string detail, Exception? inner = null)
        : base($"pocketsphinx {function} failed{(result is { } code ? $" with {code}" : string.Empty)}: {detail}", inner)
    {
        Function = function;
        Result = result;
    }

    /// <summary>The pocketsphinx function that failed.</summary>
    public string Function { get; }

    /// <summary>Its return code, or null when it returned a null pointer or could not be called.</summary>
    public int? Result { get; }
}
