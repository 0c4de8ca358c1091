// Each fleet start loads an app into new load contexts; two at a time is plenty on a small CI machine.
[assembly: CollectionBehavior(MaxParallelThreads = 2)]
