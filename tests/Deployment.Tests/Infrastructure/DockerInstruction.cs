namespace OrleansCron.Tests.Deployment.Infrastructure;

/// <summary>One Dockerfile instruction, continuation lines joined.</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments)
{
    public string[] Words => Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
