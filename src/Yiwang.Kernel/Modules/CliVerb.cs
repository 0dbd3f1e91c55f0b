using Microsoft.AspNetCore.Builder;

namespace Yiwang.Kernel.Modules;

/// <summary>
/// A verb of the host binary. The name is known before the host is built (to decide between serving and running a
/// verb); the command is created with the built host so it uses the same services as a request.
/// </summary>
public sealed record CliVerb(string Name, Func<WebApplication, System.CommandLine.Command> Create);
