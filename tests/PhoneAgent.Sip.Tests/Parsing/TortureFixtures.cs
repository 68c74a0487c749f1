namespace PhoneAgent.Sip.Tests.Parsing;

/// <summary>Loads the RFC 4475 messages copied next to the test assembly from tests/Fixtures/torture.</summary>
internal static class TortureFixtures
{
    public static string Directory(string verdict) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "torture", verdict);

    public static byte[] Load(string verdict, string name) => File.ReadAllBytes(Path.Combine(Directory(verdict), name + ".dat"));

    public static IEnumerable<string> Names(string verdict) =>
        System.IO.Directory.EnumerateFiles(Directory(verdict), "*.dat").Select(Path.GetFileNameWithoutExtension).Order()!;
}
