using Amazon.CDK;
using SecureSageMaker.Examples;

var app = new App();
_ = ExampleStacks.AddAll(app);
_ = app.Synth();
