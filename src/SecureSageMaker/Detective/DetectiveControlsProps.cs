namespace SecureSageMaker;

/// <summary>
/// Where the AWS Config configuration recorder that the managed rules need comes from. AWS Config
/// evaluates rules only in an account and region with a recorder, and allows one recorder per account
/// and region (https://docs.aws.amazon.com/config/latest/developerguide/stop-start-recorder.html), so
/// the choice is the deployer's: there is no default.
/// </summary>
public enum ConfigRecorder
{
    /// <summary>
    /// Create the recorder and its delivery channel (to a KMS-encrypted, retained bucket): a fresh account
    /// with no AWS Config set up. The deploy fails if the account and region already have a recorder.
    /// </summary>
    CreateNew,

    /// <summary>
    /// Use the recorder the account already has: AWS Control Tower, Security Hub or a central AWS Config
    /// set-up created it. The rules are created without one of their own; in an account with no recorder
    /// the deploy fails (<c>NoAvailableConfigurationRecorderException</c>).
    /// </summary>
    UseExisting,
}

/// <summary>Props of <see cref="DetectiveControls"/> (<see cref="SecureMlWorkspaceProps.DetectiveControls"/>).</summary>
public sealed class DetectiveControlsProps
{
    /// <summary>
    /// Where the configuration recorder comes from: <see cref="ConfigRecorder.CreateNew"/> in a fresh
    /// account, <see cref="ConfigRecorder.UseExisting"/> in an AWS Control Tower or Security Hub account.
    /// Required: an account has at most one recorder per region, so neither choice is safe to assume.
    /// </summary>
    /// <remarks><strong>Default</strong>: none: leaving it unset is an error naming <c>DetectiveControls.Recorder</c>.</remarks>
    public ConfigRecorder? Recorder { get; init; }

    /// <summary>Obsolete: use <see cref="Recorder"/>. <c>true</c> is <see cref="ConfigRecorder.CreateNew"/>, <c>false</c> is <see cref="ConfigRecorder.UseExisting"/>.</summary>
    /// <remarks><strong>Default</strong>: unset.</remarks>
    [Obsolete("Use Recorder (ConfigRecorder.CreateNew or ConfigRecorder.UseExisting); CreateRecorder goes in 0.4.")]
    public bool? CreateRecorder { get; init; }

    /// <summary>The recorder choice, from <see cref="Recorder"/> or the obsolete <see cref="CreateRecorder"/>.</summary>
#pragma warning disable CS0618 // the obsolete alias is read here, and only here
    internal ConfigRecorder? EffectiveRecorder => Recorder ?? (CreateRecorder is { } create ? (create ? ConfigRecorder.CreateNew : ConfigRecorder.UseExisting) : null);

    /// <summary>Adds the problems of these props to <paramref name="v"/>.</summary>
    internal void Check(PropsValidator v, string property)
    {
        if (Recorder is { } recorder && CreateRecorder is { } create && (recorder == ConfigRecorder.CreateNew) != create)
        {
            v.Fail(property + ".CreateRecorder", create, "CreateRecorder contradicts Recorder (" + recorder + "); remove CreateRecorder, which Recorder replaces.");
        }
#pragma warning restore CS0618

        if (EffectiveRecorder is not { } choice)
        {
            v.Fail(property + ".Recorder", "(unset)",
                "Say where AWS Config's recorder comes from: ConfigRecorder.CreateNew in a fresh account, ConfigRecorder.UseExisting where AWS Control Tower or Security Hub already records. Config rules do nothing without one, and an account allows only one.");
        }
        else
        {
            v.Require(Enum.IsDefined(choice), property + ".Recorder", (int)choice, "Use ConfigRecorder.CreateNew or ConfigRecorder.UseExisting.");
        }
    }
}
