using System.Reflection;
using Amazon.CDK;
using Constructs;
using Xunit;

namespace SecureSageMaker.Tests;

/// <summary>Bad input, class 9: every public entry point checks its arguments first; a null is an ArgumentException naming it, never a NullReferenceException from inside.</summary>
public class NullArgumentTests
{
    private static object? Fill(ParameterInfo p, Stack stack, int nullIndex, int index) => index == nullIndex
        ? null
        : p.ParameterType switch
        {
            var t when t == typeof(Construct) || t == typeof(IConstruct) => stack,
            var t when t == typeof(Stack) => stack,
            var t when t == typeof(string) => "Id" + index,
            var t when t.IsValueType => Activator.CreateInstance(t),
            _ => null,
        };

    public static IEnumerable<object[]> Entries()
    {
        var types = typeof(SecureMlWorkspace).Assembly.GetExportedTypes();
        foreach (var type in types.Where(t => !t.IsEnum && !t.IsInterface))
        {
            foreach (var member in type.GetConstructors().Cast<MethodBase>().Concat(type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)))
            {
                var parameters = member.GetParameters();
                for (var i = 0; i < parameters.Length; i++)
                {
                    if (!parameters[i].ParameterType.IsValueType && parameters[i].ParameterType != typeof(Construct) && parameters[i].ParameterType != typeof(IConstruct)
                        && parameters[i].ParameterType != typeof(Stack) && !parameters[i].IsOptional
                        && new NullabilityInfoContext().Create(parameters[i]).WriteState != NullabilityState.Nullable)
                    {
                        yield return new object[] { type.Name + "." + (member.IsConstructor ? "ctor" : member.Name) + "(" + parameters[i].Name + ")" };
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public void NullArgument_IsAnArgumentException_NamingIt(string entry)
    {
        var stack = TestStacks.Create();
        var typeName = entry[..entry.IndexOf('.', StringComparison.Ordinal)];
        var memberName = entry[(entry.IndexOf('.', StringComparison.Ordinal) + 1)..entry.IndexOf('(', StringComparison.Ordinal)];
        var parameterName = entry[(entry.IndexOf('(', StringComparison.Ordinal) + 1)..^1];
        var type = typeof(SecureMlWorkspace).Assembly.GetExportedTypes().Single(t => t.Name == typeName);
        var members = memberName == "ctor" ? type.GetConstructors().Cast<MethodBase>() : type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly).Where(m => m.Name == memberName);
        foreach (var member in members.Where(m => m.GetParameters().Any(p => p.Name == parameterName)))
        {
            var parameters = member.GetParameters();
            var nullIndex = Array.FindIndex(parameters, p => p.Name == parameterName);
            var args = parameters.Select((p, i) => Fill(p, stack, nullIndex, i)).ToArray();
            var error = Record.Exception(() =>
            {
                try
                {
                    _ = member is ConstructorInfo c ? c.Invoke(args) : member.Invoke(null, args);
                }
                catch (TargetInvocationException e) when (e.InnerException is not null)
                {
                    throw e.InnerException;
                }
            });
            Assert.True(error is ArgumentException, entry + " threw " + (error?.GetType().Name ?? "nothing") + ": " + error?.Message);
        }
    }
}
