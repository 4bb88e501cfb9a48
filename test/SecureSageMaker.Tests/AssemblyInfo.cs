// jsii drives one Node.js process per test process and is not thread-safe.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
