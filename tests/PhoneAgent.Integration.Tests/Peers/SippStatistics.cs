namespace PhoneAgent.Integration.Tests.Peers;

/// <summary>
/// Reads sipp's call counters from the files it leaves behind: the <c>-trace_stat</c> CSV first (its
/// last row is written at exit), else the <c>-trace_screen</c> dump of the statistics screen.
/// </summary>
internal static class SippStatistics
{
    private const string SuccessfulColumn = "SuccessfulCall(C)";
    private const string FailedColumn = "FailedCall(C)";

    /// <summary>Cumulative successful and failed calls, or (-1, -1) when neither file has them.</summary>
    public static (int Successful, int Failed) Read(string statCsv, string screenLog)
    {
        if (TryParseStatCsv(statCsv, out var successful, out var failed)) return (successful, failed);
        if (TryParseScreen(screenLog, out successful, out failed)) return (successful, failed);
        return (-1, -1);
    }

    /// <summary>Parses the <c>-trace_stat</c> CSV (';'-separated, header row, one row per dump).</summary>
    public static bool TryParseStatCsv(string csv, out int successful, out int failed)
    {
        successful = failed = -1;
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (rows.Length < 2) return false;
        var header = rows[0].Split(';');
        var last = rows[^1].Split(';');
        var successIndex = Array.IndexOf(header, SuccessfulColumn);
        var failIndex = Array.IndexOf(header, FailedColumn);
        if (successIndex < 0 || failIndex < 0 || last.Length <= Math.Max(successIndex, failIndex)) return false;
        return int.TryParse(last[successIndex], out successful) & int.TryParse(last[failIndex], out failed);
    }

    /// <summary>
    /// Parses the statistics screen, whose rows look like
    /// <c>  Successful call        |        0                  |        1</c>: the last column is cumulative.
    /// </summary>
    public static bool TryParseScreen(string screen, out int successful, out int failed)
    {
        successful = failed = -1;
        foreach (var raw in screen.Split('\n'))
        {
            var cells = raw.Split('|', StringSplitOptions.TrimEntries);
            if (cells.Length != 3) continue;
            if (cells[0] == "Successful call" && int.TryParse(cells[2], out var s)) successful = s;
            if (cells[0] == "Failed call" && int.TryParse(cells[2], out var f)) failed = f;
        }
        return successful >= 0 && failed >= 0;
    }
}
