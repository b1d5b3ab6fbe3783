using BenchmarkDotNet.Running;

// Benchmarks are a console program, never timing assertions in tests: these machines are shared and noisy.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
