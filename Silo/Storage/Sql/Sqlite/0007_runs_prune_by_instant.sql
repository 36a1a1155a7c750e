-- Pruning walks the runs by scheduled instant (ix_oc_runs_newest) instead of by finish time: a run finishes after
-- its instant, or at most the claim lead before it (skipped ahead), so the instant index finds the same rows. The
-- finish-time index was one more b-tree written for every run that finished; it goes.

DROP INDEX IF EXISTS ix_oc_runs_finished;
