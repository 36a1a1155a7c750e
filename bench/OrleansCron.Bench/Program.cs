using OrleansCron.Bench;

return await BenchCommand.MainAsync(args);
