using Amazon.CDK;
using SecureSageMaker.Examples;

var app = new App();
_ = ExampleStacks.AddBaseline(app);
_ = ExampleStacks.AddAll(app);
_ = ExampleStacks.AddAccounts(app, AccountTargets.Read(app));
_ = ExampleStacks.AddOrganization(app, AccountTargets.OrganizationTargets(app, new[] { ExampleStacks.ExampleOrganizationalUnit }),
    regions: AccountTargets.StackSetRegions(app, new[] { "eu-west-1" }));
_ = app.Synth();
