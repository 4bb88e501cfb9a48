using Amazon.CDK;
using SecureSageMaker.Examples;

var app = new App();
_ = ExampleStacks.AddBaseline(app);
_ = ExampleStacks.AddAll(app);
_ = ExampleStacks.AddAccounts(app, AccountTargets.Read(app));
_ = ExampleStacks.AddOrganization(app, AccountTargets.OrganizationTargets(app, new[] { ExampleStacks.ExampleOrganizationalUnit }));
_ = app.Synth();
