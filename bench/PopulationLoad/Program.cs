using Yiwang.Bench.PopulationLoad;

// Population load benchmark: generator + bulk load on PostgreSQL and SQLite, against PostgreSQL's bare COPY
// measured in the same run. Usage: dotnet run -c Release --project bench/PopulationLoad -- --help
return await PopulationLoadBench.RunAsync(args);
