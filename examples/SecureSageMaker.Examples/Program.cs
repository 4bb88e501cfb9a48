using Amazon.CDK;
using SecureSageMaker.Examples;

var app = new App();
_ = ExampleStacks.AddAll(app);
_ = ExampleStacks.AddOrganization(app, new[] { ExampleStacks.ExampleOrganizationalUnit });
_ = app.Synth();
