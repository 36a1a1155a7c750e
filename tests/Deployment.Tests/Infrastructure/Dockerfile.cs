using System.Globalization;
using System.Text.Json;

namespace OrleansCron.Tests.Deployment.Infrastructure;

/// <summary>The parts of a Dockerfile the deployment checks need: stages, copies, environment, ports, user, entrypoint.</summary>
internal sealed record Dockerfile(string RelativePath, IReadOnlyList<DockerInstruction> Instructions)
{
    public static Dockerfile Load(string relativePath) => Parse(relativePath, Repository.Read(relativePath));

    public static Dockerfile Parse(string relativePath, string text)
    {
        var instructions = new List<DockerInstruction>();
        var pending = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (pending.Length == 0 && (line.Length == 0 || line.StartsWith('#')))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            var full = (pending + line).Trim();
            pending = "";
            var space = full.IndexOf(' ', StringComparison.Ordinal);
            instructions.Add(space < 0
                ? new DockerInstruction(full.ToUpperInvariant(), "")
                : new DockerInstruction(full[..space].ToUpperInvariant(), full[(space + 1)..].Trim()));
        }

        return new Dockerfile(relativePath, instructions);
    }

    /// <summary>The image of each FROM, in order.</summary>
    public IReadOnlyList<string> BaseImages => [.. Of("FROM").Select(i => i.Words[0])];

    public IReadOnlyList<int> ExposedPorts =>
        [.. Of("EXPOSE").SelectMany(i => i.Words).Select(p => int.Parse(p.Split('/')[0], CultureInfo.InvariantCulture))];

    /// <summary>The user of the final stage, if any.</summary>
    public string? User => FinalStage.LastOrDefault(i => i.Keyword == "USER")?.Arguments;

    public IReadOnlyList<string> Entrypoint =>
        FinalStage.LastOrDefault(i => i.Keyword == "ENTRYPOINT") is { } entrypoint
            ? JsonSerializer.Deserialize<string[]>(entrypoint.Arguments) ?? []
            : [];

    /// <summary>ENV of the final stage (name=value form).</summary>
    public IReadOnlyDictionary<string, string> Environment =>
        FinalStage.Where(i => i.Keyword == "ENV")
            .SelectMany(i => i.Words)
            .Select(w => w.Split('=', 2))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal);

    /// <summary>Paths copied from the build context (COPY --from copies between stages and is left out).</summary>
    public IReadOnlyList<string> ContextSources(int beforeIndex = int.MaxValue) =>
        [.. Instructions.Take(beforeIndex)
            .Where(i => i.Keyword == "COPY" && !i.Arguments.StartsWith("--from", StringComparison.Ordinal))
            .SelectMany(i => i.Words[..^1])];

    public int IndexOfRun(string commandStart) =>
        Instructions.ToList().FindIndex(i => i.Keyword == "RUN" && i.Arguments.StartsWith(commandStart, StringComparison.Ordinal));

    private IEnumerable<DockerInstruction> FinalStage => Instructions.Skip(Instructions.ToList().FindLastIndex(i => i.Keyword == "FROM"));

    private IEnumerable<DockerInstruction> Of(string keyword) => Instructions.Where(i => i.Keyword == keyword);
}
