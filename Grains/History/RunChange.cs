using OrleansCron.Runs;

namespace OrleansCron.History;

/// <summary>
/// A change to a claimed run, from the row as its writer last saw it (<paramref name="From"/>) to <paramref name="To"/>.
/// It is written only while the row still has <paramref name="From"/>'s status, claiming silo and waiting retry: a run
/// that another activation took over in the meantime (during a failure the directory can briefly allow two) is left
/// as that one wrote it, and the writer learns that it lost the run.
/// </summary>
internal readonly record struct RunChange(RunRecord From, RunRecord To);
