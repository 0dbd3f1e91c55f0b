using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Yiwang.Kernel.Events;

namespace Yiwang.ArchitectureTests;

/// <summary>
/// Holds every event topic's direction (publisher → subscribers) against the table in docs/architecture.md. Publishers
/// are found in the modules' IL (the topic string loaded outside a handler's Topic getter), subscribers by their
/// IOutboxHandler.Topic: a new publish or subscription fails here until the table says who talks to whom.
/// </summary>
public sealed partial class EventTopicTests
{
    private static readonly IReadOnlyList<Kernel.Modules.IModule> Modules = global::Yiwang.Modules.ModuleList.All;

    [Fact]
    public void Every_topic_flows_as_docs_architecture_md_says()
    {
        var documented = DocumentedTopics();
        Assert.NotEmpty(documented);
        var topics = documented.Keys.ToHashSet();
        var found = new Dictionary<string, (HashSet<string> Publishers, HashSet<string> Subscribers)>();
        foreach (var module in Modules)
        {
            foreach (var topic in SubscribedTopics(module.UiAssembly))
            {
                Entry(found, topic).Subscribers.Add(module.Name);
            }

            foreach (var topic in PublishedTopics(module.UiAssembly, topics))
            {
                Entry(found, topic).Publishers.Add(module.Name);
            }
        }

        Assert.Equal(documented.Keys.Order(), found.Keys.Order());
        foreach (var (topic, (publisher, subscribers)) in documented)
        {
            Assert.Equal([publisher], found[topic].Publishers.Order());
            Assert.Equal(subscribers.Order(), found[topic].Subscribers.Order());
        }
    }

    [Fact]
    public void Every_topic_of_a_contract_is_in_the_table()
    {
        var contracts = typeof(IOutboxHandler).Assembly.GetTypes()
            .Select(t => t.GetField("Topic", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string)
            .OfType<string>();
        Assert.Equal(contracts.Order(), DocumentedTopics().Keys.Order());
    }

    [Fact]
    public void A_topic_is_named_after_its_publisher_and_its_contract_lives_in_the_publishers_folder()
    {
        foreach (var (topic, (publisher, _)) in DocumentedTopics())
        {
            Assert.StartsWith(publisher + ".", topic, StringComparison.Ordinal);
            var contract = typeof(IOutboxHandler).Assembly.GetTypes().Single(t =>
                t.GetField("Topic", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string == topic);
            Assert.Equal("Yiwang.Kernel.Contracts." + OwnerFolder(publisher), contract.Namespace);
        }
    }

    private static string OwnerFolder(string module) =>
        Modules.Single(m => m.Name == module).UiAssembly.GetName().Name!.Replace("Yiwang.", "", StringComparison.Ordinal);

    private static (HashSet<string> Publishers, HashSet<string> Subscribers) Entry(
        Dictionary<string, (HashSet<string>, HashSet<string>)> found, string topic)
    {
        if (!found.TryGetValue(topic, out var e))
        {
            found[topic] = e = ([], []);
        }

        return e;
    }

    private static IEnumerable<string> SubscribedTopics(Assembly assembly) =>
        assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IOutboxHandler).IsAssignableFrom(t))
            // Handlers take services in their constructors; their Topic is a constant expression, so a bare instance answers.
            .Select(t => ((IOutboxHandler)RuntimeHelpers.GetUninitializedObject(t)).Topic);

    private static IEnumerable<string> PublishedTopics(Assembly assembly, IReadOnlySet<string> topics)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in assembly.GetTypes())
        {
            var handler = typeof(IOutboxHandler).IsAssignableFrom(type);
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                if (handler && method.Name == "get_Topic")
                {
                    continue;
                }

                var il = method.GetMethodBody()?.GetILAsByteArray();
                if (il is null)
                {
                    continue;
                }

                // ldstr is 0x72 followed by a user-string token (table 0x70): resolving only such tokens, and keeping only
                // known topics, makes a stray byte pattern harmless.
                for (var i = 0; i + 4 < il.Length; i++)
                {
                    if (il[i] == 0x72 && il[i + 4] == 0x70)
                    {
                        string? s;
                        try
                        {
                            s = method.Module.ResolveString(BitConverter.ToInt32(il, i + 1));
                        }
                        catch (ArgumentException)
                        {
                            continue;
                        }

                        if (topics.Contains(s))
                        {
                            yield return s;
                        }
                    }
                }
            }
        }
    }

    /// <summary>The table under "## Events" in docs/architecture.md: | `topic` | publisher | subscriber, subscriber |.</summary>
    private static Dictionary<string, (string Publisher, string[] Subscribers)> DocumentedTopics()
    {
        var path = Path.Combine(ModuleBoundaryTests.RepositoryRoot(), "docs", "architecture.md");
        var result = new Dictionary<string, (string, string[])>();
        foreach (Match m in TableRow().Matches(File.ReadAllText(path)))
        {
            result[m.Groups[1].Value] = (m.Groups[2].Value.Trim(),
                [.. m.Groups[3].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]);
        }

        return result;
    }

    [GeneratedRegex(@"^\|\s*`([a-z]+\.[a-z-]+)`\s*\|\s*([a-z]+)\s*\|\s*([a-z, ]+)\|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
