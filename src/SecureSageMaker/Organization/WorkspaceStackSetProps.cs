using Amazon.CDK;

namespace SecureSageMaker;

/// <summary>Props of <see cref="WorkspaceStackSet"/>.</summary>
public sealed class WorkspaceStackSetProps
{
    /// <summary>
    /// Builds what every account gets into an empty, environment-agnostic stack (its availability zones, partition
    /// and region resolve at deploy time in each account): typically <see cref="SageMakerLogGroups"/> and a
    /// <see cref="SecureMlWorkspace"/>. The stack is synthesized on its own (the checker judges it like any other);
    /// it may hold no file or image assets, since no member account publishes them.
    /// </summary>
    public required Action<Stack> Template { get; init; }

    /// <summary>Organizational unit ids (<c>ou-...</c>) or the root id (<c>r-...</c>) whose accounts get the stack.</summary>
    public required string[] OrganizationalUnitIds { get; init; }

    /// <summary>The regions each account gets the stack in, in the order they are deployed (when <see cref="ParallelRegions"/> is false).</summary>
    public required string[] Regions { get; init; }

    /// <summary>
    /// Name of the StackSet: 1 to 128 letters, digits and hyphens, starting with a letter. It is create-only, so it is a
    /// name of yours that never changes once deployed (one derived from the construct's path would replace the StackSet
    /// when the construct moves, and the new one would collide with the retained one in every account).
    /// </summary>
    public required string StackSetName { get; init; }

    /// <summary>Whether accounts that join a target OU later get the stack at once (service-managed auto-deployment).</summary>
    /// <remarks><strong>Default</strong>: true.</remarks>
    public bool? AutoDeployment { get; init; }

    /// <summary>
    /// Whether an account that leaves the OU keeps its stack (true) or has it deleted (false). A deleted stack still
    /// leaves its retained resources in the account (<see cref="WorkspaceStackSet.RetainedResourceTypes"/>: buckets,
    /// keys, log groups, the VPC, ...): nothing with data is deleted either way. Deleting raises warning
    /// <see cref="WarningIds.StackSetDeletesOnRemoval"/>.
    /// </summary>
    /// <remarks><strong>Default</strong>: true: the stack stays, managed by no one until the account returns or it is deleted by hand.</remarks>
    public bool? RetainStacksOnAccountRemoval { get; init; }

    /// <summary>The most accounts deployed at once, as a percentage of the target accounts (1 to 100).</summary>
    /// <remarks><strong>Default</strong>: 25.</remarks>
    public int? MaxConcurrentPercentage { get; init; }

    /// <summary>The accounts that may fail per region before the operation stops there, as a percentage (0 to 100).</summary>
    /// <remarks><strong>Default</strong>: 0: the first failure stops the operation in that region.</remarks>
    public int? FailureTolerancePercentage { get; init; }

    /// <summary>Whether the regions are deployed in parallel rather than one after another in <see cref="Regions"/>' order.</summary>
    /// <remarks><strong>Default</strong>: false: one region at a time, so a failure in the first stops the rest.</remarks>
    public bool? ParallelRegions { get; init; }

    /// <summary>Whether the stack deploying this construct runs in a delegated administrator account (<c>CallAs DELEGATED_ADMIN</c>) rather than the management account.</summary>
    /// <remarks><strong>Default</strong>: false: the management account.</remarks>
    public bool? DelegatedAdministrator { get; init; }
}
