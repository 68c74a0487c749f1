using BenchmarkDotNet.Running;

// Pass BenchmarkDotNet arguments through, e.g. `--filter '*' --job short`; docs/PERFORMANCE.md has the commands.
BenchmarkSwitcher.FromAssembly(typeof(PhoneAgent.Benchmarks.G711Benchmarks).Assembly).Run(args);
