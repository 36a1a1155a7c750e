// Each test here runs whole services (up to four processes on a two-core machine): one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
