// These tests start real servers, kill them mid-burst and measure load: run one at a time, so that the load test's
// figures are its own and a killed server's neighbour is not starved of threads and cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
