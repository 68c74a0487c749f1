using System.Text;

namespace PhoneAgent.Integration.Tests.Fuzz;

/// <summary>A SIP message kept as start line, ordered headers and body, so mutations can edit its structure.</summary>
internal sealed class SipDraft(string template, string startLine, string body)
{
    public string Template { get; } = template;

    public string StartLine { get; set; } = startLine;

    public List<KeyValuePair<string, string>> Headers { get; } = [];

    public string Body { get; set; } = body;

    /// <summary>Line terminator between start line and headers; RFC 3261 7 requires CRLF.</summary>
    public string LineEnd { get; set; } = "\r\n";

    public SipDraft Add(string name, string value)
    {
        Headers.Add(new(name, value));
        return this;
    }

    /// <summary>Adds a Content-Length that matches the body, as a well-formed message has (RFC 3261 20.14).</summary>
    public SipDraft WithContentLength() => Add("Content-Length", Encoding.UTF8.GetByteCount(Body).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Removes every header with this name (case-insensitive, long or compact form given).</summary>
    public void Remove(string name) => Headers.RemoveAll(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Replaces the value of every header with this name.</summary>
    public void Replace(string name, string value)
    {
        for (var i = 0; i < Headers.Count; i++)
        {
            if (Headers[i].Key.Equals(name, StringComparison.OrdinalIgnoreCase)) Headers[i] = new(Headers[i].Key, value);
        }
    }

    public byte[] ToBytes()
    {
        var text = new StringBuilder(StartLine).Append(LineEnd);
        foreach (var (name, value) in Headers) text.Append(name).Append(": ").Append(value).Append(LineEnd);
        text.Append(LineEnd).Append(Body);
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
