using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Xunit;

namespace SecureSageMaker.Tests;

/// <summary>
/// The deployment lifecycle as a platform team runs it: account prerequisites, creation order, delete and
/// re-create. Each test pins an AWS rule that a static schema check does not see.
/// </summary>
public class LifecycleTests
{
    private static readonly Lazy<(Stack Stack, Cfn Cfn)> WithRecorder = new(() =>
    {
        var (stack, workspace) = TestStacks.Workspace(new SecureMlWorkspaceProps
        {
            DetectiveControls = new DetectiveControlsProps { Recorder = ConfigRecorder.CreateNew },
            PackageMirror = new PackageMirrorProps(),
        });
        _ = workspace.AddNotebookInstance("Notebook");
        _ = workspace.AddStudioDomain("Studio", new SecureStudioDomainProps { DomainName = "studio" });
        workspace.ApplyGuardrails(new Role(stack, "Person", new RoleProps { AssumedBy = new AccountRootPrincipal() }));
        return (stack, TestStacks.Synth(stack));
    });

    private static Cfn Cfn => WithRecorder.Value.Cfn;

    private static IReadOnlyList<string> DependsOn(JsonObject resource) =>
        resource["DependsOn"]?.AsArray().Select(d => (string)d!).ToList() ?? new List<string>();

    [Fact]
    public void DetectiveControls_Throw_WhenTheRecorderChoiceIsUnset()
    {
        // GIVEN Config rules without saying where the recorder comes from
        var error = Assert.Throws<ArgumentException>(() => TestStacks.Workspace(new SecureMlWorkspaceProps { DetectiveControls = new DetectiveControlsProps() }));

        // THEN the message names the property, the value and both choices
        Assert.Contains("DetectiveControls.Recorder: received '(unset)'", error.Message, StringComparison.Ordinal);
        Assert.Contains("ConfigRecorder.CreateNew", error.Message, StringComparison.Ordinal);
        Assert.Contains("ConfigRecorder.UseExisting", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DetectiveControls_CreateNoRecorder_WhenTheAccountHasOne()
    {
        var (stack, _) = TestStacks.Workspace(new SecureMlWorkspaceProps { DetectiveControls = new DetectiveControlsProps { Recorder = ConfigRecorder.UseExisting } });
        var cfn = TestStacks.Synth(stack);
        Assert.Empty(cfn.OfType("AWS::Config::ConfigurationRecorder"));
        Assert.Empty(cfn.OfType("AWS::Config::DeliveryChannel"));
        Assert.NotEmpty(cfn.OfType("AWS::Config::ConfigRule"));
    }

    [Fact]
    public void DeliveryChannel_ComesAfterItsRecorderAndItsBucketPolicy()
    {
        // AWS Config: a delivery channel needs its recorder first, and checks the bucket's policy when it is created.
        var (recorderId, _) = Cfn.Single("AWS::Config::ConfigurationRecorder");
        var (_, channel) = Cfn.Single("AWS::Config::DeliveryChannel");
        var policyId = Cfn.OfType("AWS::S3::BucketPolicy").Single(p => p.Id.StartsWith("WorkspaceDetectiveControlsDeliveryBucket", StringComparison.Ordinal)).Id;
        Assert.Contains(recorderId, DependsOn(channel));
        Assert.Contains(policyId, DependsOn(channel));
        var (_, recorder) = Cfn.Single("AWS::Config::ConfigurationRecorder");
        Assert.DoesNotContain(Cfn.Single("AWS::Config::DeliveryChannel").Id, DependsOn(recorder));
    }

    [Fact]
    public void ConfigRules_ComeAfterTheRecorderAndTheChannel()
    {
        var (recorderId, _) = Cfn.Single("AWS::Config::ConfigurationRecorder");
        var (channelId, _) = Cfn.Single("AWS::Config::DeliveryChannel");
        Assert.All(Cfn.OfType("AWS::Config::ConfigRule"), rule =>
        {
            Assert.Contains(channelId, DependsOn(rule.Resource));
        });
        Assert.All(Cfn.OfType("AWS::Config::ConfigRule"), rule => Assert.True(
            DependsOn(rule.Resource).Contains(recorderId) || DependsOn(rule.Resource).Contains(channelId), rule.Id + " does not wait for the recorder."));
    }

    [Theory]
    [InlineData("AWS::SageMaker::NotebookInstance")]
    [InlineData("AWS::SageMaker::Domain")]
    public void Workloads_StartAfterEveryEndpointAndTheDnsFirewallAssociation(string type)
    {
        // The on-start script calls CodeArtifact, STS and S3 through the endpoints within SageMaker's five-minute limit.
        var (_, workload) = Cfn.Single(type);
        var after = DependsOn(workload);
        foreach (var needed in Cfn.OfType("AWS::EC2::VPCEndpoint").Concat(Cfn.OfType("AWS::Route53Resolver::FirewallRuleGroupAssociation")))
        {
            Assert.Contains(needed.Id, after);
        }
    }

    [Fact]
    public void DnsFirewallAssociation_HasMutationProtection_OnlyWhenAsked()
    {
        var (stack, _) = TestStacks.Workspace(new SecureMlWorkspaceProps { Network = new PrivateNetworkProps { DnsFirewall = new DnsFirewallProps { MutationProtection = true } } });
        Assert.Equal("\"ENABLED\"", Cfn.Text(TestStacks.Synth(stack).Single("AWS::Route53Resolver::FirewallRuleGroupAssociation").Resource, "Properties", "MutationProtection"));
        Assert.Equal("\"DISABLED\"", Cfn.Text(Cfn.Single("AWS::Route53Resolver::FirewallRuleGroupAssociation").Resource, "Properties", "MutationProtection"));
    }

    [Fact]
    public void PeoplesGuardrails_AreDeletedWithTheStack_TheWorkspaceRolesGuardrailsRetained()
    {
        // A retained policy stays attached to a person's role after a delete, and each re-create adds one more (10 per role).
        var policies = Cfn.OfType("AWS::IAM::ManagedPolicy");
        var person = Cfn.Resource("Person");
        var attached = Cfn.At(person, "Properties", "ManagedPolicyArns").AsArray().Select(a => Cfn.Flat(a!)).ToList();
        var guardrails = policies.Where(p => p.Id.Contains("GuardrailPolicy", StringComparison.Ordinal)).ToList();
        var forPeople = guardrails.Where(p => attached.Any(a => a.Contains(p.Id, StringComparison.Ordinal))).ToList();
        Assert.NotEmpty(forPeople);
        Assert.All(forPeople, p => Assert.Equal("Delete", (string?)p.Resource["DeletionPolicy"] ?? "Delete"));
        var forRoles = guardrails.Except(forPeople).ToList();
        Assert.NotEmpty(forRoles);
        Assert.All(forRoles, p => Assert.Equal("Retain", (string?)p.Resource["DeletionPolicy"]));
    }

    [Fact]
    public void FullExample_AttachesPoliciesOnlyToRolesTheStackCreates()
    {
        // No policy is attached to a role by a name that nothing creates: every Roles entry refers to the template.
        var template = Examples.Full.ToJSON();
        var resources = (JsonObject)JsonNode.Parse(Newtonsoft.Json.JsonConvert.SerializeObject(template["Resources"]))!;
        foreach (var (id, node) in resources)
        {
            if ((string?)node!["Type"] is "AWS::IAM::ManagedPolicy" or "AWS::IAM::Policy" && node["Properties"]?["Roles"] is JsonArray roles)
            {
                Assert.All(roles, r => Assert.True(r is JsonObject, id + " attaches to the role named " + r?.ToJsonString() + ", which nothing in the stack creates."));
            }
        }
    }
}

/// <summary>Every service that encrypts with a key of the workspace is admitted by that key's policy.</summary>
public class KeyServiceTests
{
    private static readonly (string TypePrefix, string Service)[] Encrypters =
    {
        ("AWS::S3::", "s3"), ("AWS::SageMaker::", "sagemaker"), ("AWS::StepFunctions::", "sagemaker"), ("AWS::CodeArtifact::", "codeartifact"),
        ("AWS::Logs::", "logs"), ("AWS::Config::", "config"), ("AWS::EFS::", "elasticfilesystem"),
    };

    private static IEnumerable<string> KeyReferences(JsonNode? node, ISet<string> keys)
    {
        switch (node)
        {
            case JsonObject o when o["Fn::GetAtt"] is JsonArray a && a.Count == 2 && keys.Contains((string?)a[0] ?? string.Empty):
                yield return (string)a[0]!;
                break;
            case JsonObject o when o["Ref"] is JsonValue r && keys.Contains((string?)r ?? string.Empty):
                yield return (string)r!;
                break;
            case JsonObject o:
                foreach (var found in o.SelectMany(p => KeyReferences(p.Value, keys)))
                {
                    yield return found;
                }

                break;
            case JsonArray a:
                foreach (var found in a.SelectMany(i => KeyReferences(i, keys)))
                {
                    yield return found;
                }

                break;
        }
    }

    [Fact]
    public void EveryServiceThatEncryptsWithAKey_IsAdmittedByItsPolicy_InTheFullExample()
    {
        var cfn = new Cfn(Examples.Full);
        var keys = cfn.OfType("AWS::KMS::Key").ToDictionary(k => k.Id, k => k.Resource);
        var checkedPairs = new List<string>();
        foreach (var (id, resource) in cfn.Json["Resources"]!.AsObject().Select(p => (p.Key, p.Value!.AsObject())))
        {
            var type = (string)resource["Type"]!;
            var service = Encrypters.FirstOrDefault(e => type.StartsWith(e.TypePrefix, StringComparison.Ordinal)).Service;
            if (service is null || type is "AWS::S3::BucketPolicy")
            {
                continue;
            }

            foreach (var keyId in KeyReferences(resource["Properties"], keys.Keys.ToHashSet()).Distinct())
            {
                var policy = Cfn.Text(keys[keyId], "Properties", "KeyPolicy");
                var viaService = Cfn.At(keys[keyId], "Properties", "KeyPolicy", "Statement").AsArray()
                    .Where(s => (string?)s!["Effect"] == "Deny" && s["Condition"]?["StringNotLike"]?["kms:ViaService"] is not null)
                    .Select(s => Cfn.Text(s!, "Condition", "StringNotLike", "kms:ViaService")).ToList();
                var admittedAsPrincipal = policy.Contains("\"" + service + ".", StringComparison.Ordinal) && policy.Contains("\"Service\"", StringComparison.Ordinal);
                var admittedThroughViaService = viaService.Count == 0 ? service is "s3" or "sagemaker" or "codeartifact" or "elasticfilesystem"
                    : viaService.All(v => v.Contains("\"" + service + ".*.", StringComparison.Ordinal));
                Assert.True(admittedAsPrincipal || admittedThroughViaService,
                    id + " (" + type + ") encrypts with " + keyId + ", whose policy does not admit " + service + ": " + policy);
                checkedPairs.Add(service + "->" + keyId);
            }
        }

        // The pairs this test exists for: CodeArtifact and the data key, CloudWatch Logs and the logs key, AWS Config and its bucket's key.
        Assert.Contains(checkedPairs, p => p.StartsWith("codeartifact->WorkspaceKeysDataKey", StringComparison.Ordinal));
        Assert.Contains(checkedPairs, p => p.StartsWith("logs->WorkspaceKeysLogsKey", StringComparison.Ordinal));
        Assert.Contains(checkedPairs, p => p.StartsWith("s3->WorkspaceKeysDataKey", StringComparison.Ordinal));
    }

    [Fact]
    public void DataKey_AdmitsCodeArtifact_OnlyWithAPackageMirror()
    {
        var deny = Shared.DefaultCfn.Statement("AWS::KMS::Key", "DenyUseOutsideAwsServices", "KeyPolicy");
        Assert.DoesNotContain("codeartifact", deny.ToJsonString(), StringComparison.Ordinal);
        var (stack, _) = TestStacks.Workspace(new SecureMlWorkspaceProps { PackageMirror = new PackageMirrorProps() });
        Assert.Contains("\"codeartifact.*.", TestStacks.Synth(stack).Statement("AWS::KMS::Key", "DenyUseOutsideAwsServices", "KeyPolicy").ToJsonString(), StringComparison.Ordinal);
    }
}

/// <summary>Regions: a feature is refused at synth where its region lacks it, and guarded at deploy where the region is decided then.</summary>
public class RegionSupportTests
{
    [Theory]
    [InlineData("mx-central-1", "Studio")]
    [InlineData("sa-east-1", "PackageMirror")]
    [InlineData("il-central-1", "NotebookInstances")]
    public void Synth_Fails_NamingTheFeatureAndOption_WhenAFixedRegionLacksIt(string region, string feature)
    {
        var stack = TestStacks.Create(region: region);
        var error = Assert.Throws<ArgumentException>(() =>
        {
            var workspace = new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps { PackageMirror = feature == "PackageMirror" ? new PackageMirrorProps() : null });
            if (feature == "Studio")
            {
                _ = workspace.AddStudioDomain("Studio", new SecureStudioDomainProps { DomainName = "studio" });
            }
            else if (feature == "NotebookInstances")
            {
                _ = workspace.AddNotebookInstance("Notebook");
            }
        });
        Assert.Contains("feature " + feature + ") does not deploy in region '" + region + "'", error.Message, StringComparison.Ordinal);
        Assert.Contains("leave out", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnvironmentAgnosticStack_CarriesARegionRule_PerFeatureInUse()
    {
        var stack = TestStacks.Create(fixedEnvironment: false);
        var workspace = new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps { PackageMirror = new PackageMirrorProps() });
        _ = workspace.AddNotebookInstance("Notebook");
        var rules = TestStacks.Synth(stack).Json["Rules"]!.AsObject();
        Assert.Contains("SecureSageMakerRegionPackageMirror", rules.Select(r => r.Key));
        Assert.Contains("SecureSageMakerRegionNotebookInstances", rules.Select(r => r.Key));
        Assert.DoesNotContain("SecureSageMakerRegionStudio", rules.Select(r => r.Key));
        var assertion = rules["SecureSageMakerRegionPackageMirror"]!["Assertions"]![0]!;
        Assert.Contains("\"sa-east-1\"", assertion["Assert"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("AWS::Region", assertion["Assert"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.NotNull(assertion["Assert"]!["Fn::Not"]);
        Assert.Contains("PackageMirror", (string?)assertion["AssertDescription"], StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultWorkspace_NeedsNoRegionRule()
    {
        var stack = TestStacks.Create(fixedEnvironment: false);
        _ = new SecureMlWorkspace(stack, "Workspace");
        Assert.Null(TestStacks.Synth(stack).Json["Rules"]);
    }
}

/// <summary>Deep Learning Containers: AWS's registry account table covers every region where SageMaker runs.</summary>
public class DeepLearningContainerTests
{
    [Fact]
    public void RegistryTable_CoversEveryRegionWhereSageMakerRuns()
    {
        using var stream = typeof(SecureMlWorkspace).Assembly.GetManifestResourceStream("SecureSageMaker.Data.region-support.json")!;
        var regions = JsonNode.Parse(stream)!["sageMakerRegions"]!.AsArray().Select(r => (string)r!).ToList();
        Assert.Empty(regions.Except(DeepLearningContainers.Accounts.Keys));
    }

    [Fact]
    public void EnvironmentAgnosticStack_LooksTheAccountUpInAMappingOfEveryRegion()
    {
        var stack = TestStacks.Create(fixedEnvironment: false);
        _ = new SecureMlWorkspace(stack, "Workspace");
        var mapping = TestStacks.Synth(stack).Json["Mappings"]!["SecureSageMakerDlcAccounts"]!.AsObject();
        Assert.Equal("637423239942", (string?)mapping["mx-central-1"]!["account"]);
        Assert.Equal(DeepLearningContainers.Accounts.Count, mapping.Count);
    }

    [Fact]
    public void FixedRegionUnknownToCdk_PullsFromAwsRegistryAccount()
    {
        var stack = TestStacks.Create(region: "mx-central-1");
        _ = new SecureMlWorkspace(stack, "Workspace");
        Assert.Contains(":ecr:mx-central-1:637423239942:repository/*", TestStacks.Synth(stack).Json.ToJsonString(), StringComparison.Ordinal);
    }
}

/// <summary>Retained resources never block a re-create: none outside the account baseline has a name that the next creation of the stack would reuse.</summary>
public class RecreateTests
{
    private static readonly Lazy<JsonObject> Names = new(() =>
    {
        using var stream = typeof(RecreateTests).Assembly.GetManifestResourceStream("CreateOnlyProperties.json")!;
        return JsonNode.Parse(stream)!["types"]!.AsObject();
    });

    /// <summary>Whether a name is the same for every creation of the stack: only the stack id and the attributes of resources created anew change; account, region, partition and stack name do not.</summary>
    private static bool FixedAcrossCreations(JsonNode? value) => value switch
    {
        JsonObject o when o["Ref"] is JsonValue r => ((string)r!).StartsWith("AWS::", StringComparison.Ordinal) && (string)r! != "AWS::StackId",
        JsonObject o when o.ContainsKey("Fn::GetAtt") => false,
        JsonObject o => o.All(p => FixedAcrossCreations(p.Value)),
        JsonArray a => a.All(FixedAcrossCreations),
        _ => true,
    };

    [Fact]
    public void NoRetainedResource_OutsideTheBaseline_HasANameTheNextCreationReuses()
    {
        var offenders = new List<string>();
        foreach (var stack in new[] { Examples.DefaultStack, Examples.FullStack, Examples.HostingStack })
        {
            foreach (var (id, node) in TestStacks.Synth(stack).Json["Resources"]!.AsObject())
            {
                var type = (string)node!["Type"]!;
                // A user profile's name is unique within its domain, which the next creation makes anew.
                if ((string?)node["DeletionPolicy"] is not ("Retain" or "RetainExceptOnCreate") || type == "AWS::SageMaker::UserProfile" || Names.Value[type] is not JsonObject schema)
                {
                    continue;
                }

                foreach (var name in schema["names"]!.AsArray().Select(n => (string)n!))
                {
                    if (node["Properties"]?[name] is { } value && FixedAcrossCreations(value))
                    {
                        offenders.Add(stack.StackName + "/" + id + "." + name + " = " + value.ToJsonString());
                    }
                }
            }
        }

        Assert.True(offenders.Count == 0, "Retained with a name the next creation reuses: " + string.Join("; ", offenders));
    }
}
