using Yiwang.Bench.HealthCodes;

// Health-code benchmark (issue 5): 20 million scans of the whole district, then batch upload, online verify-and-record,
// exposure tracing and code issuance, each beside its reference. Usage: dotnet run -c Release --project bench/HealthCodes -- --help
return args.Contains("--verify-stages") ? VerifyStages.Run() : await HealthCodesBench.RunAsync(args);
