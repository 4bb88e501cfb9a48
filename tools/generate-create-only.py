#!/usr/bin/env python3
"""Writes test/SecureSageMaker.Tests/Data/create-only-properties.json from the CloudFormation resource schemas
that cfn-lint (the machine image's pinned 1.51) ships: for each resource type the library creates, the
properties whose change replaces the resource (createOnlyProperties) and the ones that name it (a
createOnly property ending in 'Name' that is, or identifies, the resource's physical id). CI regenerates it
and fails when it differs (a newer cfn-lint with new create-only properties)."""
import json
import os
import cfnlint
import cfnlint.version

TYPES = [
    "AWS::CodeArtifact::Domain", "AWS::CodeArtifact::Repository", "AWS::Config::ConfigRule", "AWS::Config::ConfigurationRecorder",
    "AWS::Config::DeliveryChannel", "AWS::EC2::FlowLog", "AWS::EC2::SecurityGroup", "AWS::EC2::Subnet", "AWS::EC2::VPC",
    "AWS::EC2::VPCEndpoint", "AWS::IAM::ManagedPolicy", "AWS::IAM::Role", "AWS::KMS::Key", "AWS::Logs::LogGroup",
    "AWS::Route53Resolver::FirewallDomainList", "AWS::Route53Resolver::FirewallRuleGroup", "AWS::Route53Resolver::FirewallRuleGroupAssociation",
    "AWS::Route53Resolver::ResolverQueryLoggingConfig", "AWS::S3::Bucket", "AWS::SSM::Parameter", "AWS::SageMaker::Domain",
    "AWS::SageMaker::Endpoint", "AWS::SageMaker::EndpointConfig", "AWS::SageMaker::Model", "AWS::SageMaker::NotebookInstance",
    "AWS::SageMaker::NotebookInstanceLifecycleConfig", "AWS::SageMaker::Pipeline", "AWS::SageMaker::StudioLifecycleConfig",
    "AWS::SageMaker::UserProfile", "AWS::StepFunctions::StateMachine",
]
# Names that are not unique in their scope, so a replacement under the same name succeeds: left out.
NOT_UNIQUE = {("AWS::SageMaker::Domain", "DomainName"), ("AWS::Route53Resolver::FirewallRuleGroupAssociation", "Name"), ("AWS::EC2::SecurityGroup", "GroupName")}


def main():
    base = os.path.join(os.path.dirname(cfnlint.__file__), "data", "schemas")
    namespace = {}
    exec(open(os.path.join(base, "providers", "us_east_1.py")).read(), namespace)
    out = {"source": "cfn-lint " + cfnlint.version.__version__ + " resource schemas (us-east-1); tools/generate-create-only.py", "types": {}}
    for t in TYPES:
        schema = json.load(open(os.path.join(base, "resources", namespace["types"][t] + ".json")))
        create_only = sorted(set(p[len("/properties/"):] for p in schema.get("createOnlyProperties", [])))
        names = [p for p in create_only if "/" not in p and p.endswith("Name") and (t, p) not in NOT_UNIQUE and "Kms" not in p and p != "ServiceName" and p != "LogGroupName" or (t == "AWS::Logs::LogGroup" and p == "LogGroupName")]
        out["types"][t] = {"createOnly": create_only, "names": names}
    path = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "test", "SecureSageMaker.Tests", "Data", "create-only-properties.json")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
