using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.CXAPI;
using Amazon.JSII.Runtime.Deputy;

namespace SecureSageMaker.Jsii;

/// <summary>
/// Renders a stack's CloudFormation template exactly as synthesis will write it: after aspects, L1
/// setters, property overrides, escape hatches and raw <c>CfnResource</c>s. The stack's own
/// rendering (<c>Stack._toCloudFormation</c>) is not part of the jsii type system; the protected
/// <see cref="StackSynthesizer.SynthesizeTemplate"/> of a throwaway synthesizer bound to the stack
/// calls it and writes the template into a scratch folder, which is read back and deleted. Binding a
/// second synthesizer leaves the stack's own synthesizer untouched. Call it during validation, when
/// the tree is final.
/// </summary>
internal sealed class TemplateRenderer : StackSynthesizer
{
    private TemplateRenderer()
    {
    }

    public static JsonObject Render(Stack stack)
    {
        var folder = Directory.CreateTempSubdirectory("securesagemaker-").FullName;
        try
        {
            var renderer = new TemplateRenderer();
            renderer.Bind(stack);
            _ = renderer.SynthesizeTemplate(new Session(folder));
            var text = File.ReadAllText(Path.Combine(folder, stack.TemplateFile));
            return JsonNode.Parse(text) as JsonObject ?? new JsonObject();
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    /// <inheritdoc />
    public override void Synthesize(ISynthesisSession session) => throw new NotSupportedException("The renderer only renders templates.");

    /// <inheritdoc />
    public override FileAssetLocation AddFileAsset(IFileAssetSource asset) => throw new NotSupportedException("The renderer only renders templates.");

    /// <inheritdoc />
    public override DockerImageAssetLocation AddDockerImageAsset(IDockerImageAssetSource asset) => throw new NotSupportedException("The renderer only renders templates.");

    private sealed class Session : DeputyBase, ISynthesisSession
    {
        public Session(string folder)
        {
            Outdir = folder;
            Assembly = new CloudAssemblyBuilder(folder);
        }

        public string Outdir { get; set; }

        public CloudAssemblyBuilder Assembly { get; set; }

        public bool? ValidateOnSynth => false;
    }
}
