using Yiwang.Bench.Dashboard;

// Dashboard benchmark: every dashboard level against the plain GROUP BY, and the time for a move to show.
// Usage: dotnet run -c Release --project bench/Dashboard -- --help
return await DashboardBench.RunAsync(args);
