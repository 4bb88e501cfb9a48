// Added by the SecureSageMaker.Testing package: jsii (the bridge from .NET to the AWS CDK) is not
// thread-safe, so test classes that build CDK stacks must not run in parallel. Opt out with
// <SecureSageMakerSerialTests>false</SecureSageMakerSerialTests> if the project sets this itself.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
