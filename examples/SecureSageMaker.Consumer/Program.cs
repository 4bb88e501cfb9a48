using Amazon.CDK;
using TeamMl;

var app = new App();
_ = new TeamMlStack(app, "TeamMlAccount", new TeamMlStackProps
{
    Env = new Amazon.CDK.Environment { Account = "111122223333", Region = "eu-west-1" },
    AvailabilityZones = new[] { "eu-west-1a", "eu-west-1b" },  // so synth needs no AWS credentials
    CompanyCidrs = new[] { "203.0.113.0/24" },                  // where presigned notebook URLs may be opened
});
app.Synth();
