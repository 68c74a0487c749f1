using System.Diagnostics;
using System.Runtime.InteropServices;

namespace PhoneAgent.Sip.Tests.Media;

/// <summary>
/// Converts raw audio with sox, an implementation independent of ours, to produce G.711 reference tables at test time.
/// Dither is off (-D): sox otherwise adds noise whenever it lowers the precision, as from 16-bit PCM to 14-bit µ-law.
/// </summary>
internal static class SoxReference
{
    public static byte[] Encode(ReadOnlySpan<short> pcm, string encoding) =>
        Run(MemoryMarshal.AsBytes(pcm), ["-t", "raw", "-r", "8000", "-e", "signed", "-b", "16", "-c", "1"], ["-t", "raw", "-e", encoding]);

    public static short[] Decode(ReadOnlySpan<byte> codes, string encoding) =>
        MemoryMarshal.Cast<byte, short>(Run(codes, ["-t", "raw", "-r", "8000", "-e", encoding, "-b", "8", "-c", "1"], ["-t", "raw", "-e", "signed", "-b", "16"])).ToArray();

    private static byte[] Run(ReadOnlySpan<byte> input, string[] inputFormat, string[] outputFormat)
    {
        var directory = Directory.CreateTempSubdirectory("phoneagent-sox-");
        try
        {
            var inputPath = Path.Combine(directory.FullName, "in.raw");
            var outputPath = Path.Combine(directory.FullName, "out.raw");
            File.WriteAllBytes(inputPath, input.ToArray());

            var start = new ProcessStartInfo("sox") { RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("-D");
            foreach (var a in inputFormat) start.ArgumentList.Add(a);
            start.ArgumentList.Add(inputPath);
            foreach (var a in outputFormat) start.ArgumentList.Add(a);
            start.ArgumentList.Add(outputPath);

            using var sox = Process.Start(start) ?? throw new InvalidOperationException("sox did not start; scripts/setup.sh installs it");
            var errors = sox.StandardError.ReadToEnd();
            sox.WaitForExit();
            Assert.True(sox.ExitCode == 0, $"sox exited with {sox.ExitCode}: {errors}");
            return File.ReadAllBytes(outputPath);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
