// Each test runs a whole system (DCP, PostgreSQL, five projects) and counts the processes it leaves:
// one at a time, on two cores.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]
