using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Yiwang.People.Features;

/// <summary>Uploaded files wait here between the preview/mapping step and the import (never in memory: they can be
/// 100+ MB). One folder per upload under <c>Yiwang:Intake:UploadDir</c> (default data/uploads); the folder
/// must be shared storage when several hosts serve the UI.</summary>
internal sealed class UploadStore(IConfiguration configuration, TimeProvider clock)
{
    internal sealed record Upload(string Token, string Path, string FileName, string SourceCode, string Owner, DateTimeOffset At);

    private string Root => System.IO.Path.GetFullPath(configuration["Yiwang:Intake:UploadDir"] ?? "data/uploads");

    public async Task<Upload> SaveAsync(Stream content, string fileName, string sourceCode, string owner, CancellationToken ct)
    {
        var token = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var dir = System.IO.Path.Combine(Root, token);
        Directory.CreateDirectory(dir);
        var upload = new Upload(token, System.IO.Path.Combine(dir, "file"), System.IO.Path.GetFileName(fileName), sourceCode, owner, clock.GetUtcNow());
        await using (var file = File.Create(upload.Path))
        {
            await content.CopyToAsync(file, ct);
        }

        await File.WriteAllTextAsync(System.IO.Path.Combine(dir, "upload.json"), JsonSerializer.Serialize(upload), ct);
        return upload;
    }

    /// <summary>The upload, if the token is well-formed, exists and belongs to this user.</summary>
    public async Task<Upload?> FindAsync(string token, string owner, CancellationToken ct)
    {
        if (token.Length != 32 || !token.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        var meta = System.IO.Path.Combine(Root, token, "upload.json");
        if (!File.Exists(meta))
        {
            return null;
        }

        var upload = JsonSerializer.Deserialize<Upload>(await File.ReadAllTextAsync(meta, ct));
        return upload is not null && upload.Owner == owner ? upload : null;
    }

    public static void Delete(Upload upload)
    {
        var dir = System.IO.Path.GetDirectoryName(upload.Path);
        if (dir is not null && Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
