using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HarmReduction.Bot.Knowledge;

/// <summary>Reads a YAML file into nodes and gives typed, positioned access to them, collecting errors instead of throwing.</summary>
internal sealed class YamlNodes(string displayPath, List<KnowledgeError> errors)
{
    public string DisplayPath { get; } = displayPath;

    public List<KnowledgeError> Errors { get; } = errors;

    public YamlNode? Load(string text)
    {
        if (FindTab(text) is { } tab)
        {
            Error(tab.Line, tab.Column, "a tab character in indentation; YAML indents with spaces only");
            return null;
        }

        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (YamlException e)
        {
            Error(e.Start.Line, e.Start.Column, DescribeSyntaxError(e));
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or NotSupportedException or FormatException or OverflowException)
        {
            // YamlDotNet's parser can fail these ways on some malformed documents (found by fuzzing): still a syntax error.
            Error(1, 1, "the YAML could not be parsed; check the file's structure (a stray '---', '...' or directive?)");
            return null;
        }
    }

    public SourcePosition At(YamlNode node) => new(DisplayPath, node.Start.Line, node.Start.Column);

    public void Error(YamlNode node, string message) => Errors.Add(new KnowledgeError(At(node), message));

    public void Error(long line, long column, string message) =>
        Errors.Add(new KnowledgeError(new SourcePosition(DisplayPath, Math.Max(1, line), Math.Max(1, column)), message));

    public YamlMappingNode? Mapping(YamlNode node, string what)
    {
        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }

        Error(node, $"{what} must be a mapping (key: value lines), found {Describe(node)}");
        return null;
    }

    public YamlSequenceNode? Sequence(YamlNode node, string what)
    {
        if (node is YamlSequenceNode sequence)
        {
            return sequence;
        }

        Error(node, $"{what} must be a list, found {Describe(node)}");
        return null;
    }

    public string? Scalar(YamlNode node, string what, bool allowEmpty = false)
    {
        if (node is not YamlScalarNode scalar)
        {
            Error(node, $"{what} must be text, found {Describe(node)}");
            return null;
        }

        var value = scalar.Value ?? string.Empty;
        if (!allowEmpty && string.IsNullOrWhiteSpace(value))
        {
            Error(node, $"{what} is empty");
            return null;
        }

        return value;
    }

    public IReadOnlyList<string> ScalarList(YamlNode node, string what)
    {
        if (Sequence(node, what) is not { } sequence)
        {
            return [];
        }

        var values = new List<string>();
        foreach (var child in sequence.Children)
        {
            if (Scalar(child, $"each item of {what}") is { } value)
            {
                values.Add(value.Trim());
            }
        }

        return values;
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode { Value: null or "" } => "nothing",
        YamlScalarNode s => $"'{Shorten(s.Value!)}'",
        _ => node.NodeType.ToString(),
    };

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..37] + "...";

    private static (long Line, long Column)? FindTab(string text)
    {
        var line = 1;
        var column = 1;
        var inIndent = true;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                line++;
                column = 1;
                inIndent = true;
                continue;
            }

            if (inIndent && c == '\t')
            {
                return (line, column);
            }

            if (c != ' ' && c != '-')
            {
                inIndent = false;
            }

            column++;
        }

        return null;
    }

    private static string DescribeSyntaxError(YamlException e)
    {
        var message = e.Message;
        if (message.StartsWith("Duplicate key", StringComparison.Ordinal))
        {
            return $"duplicate key '{message["Duplicate key".Length..].Trim()}' in the same mapping";
        }

        if (message.Contains("did not find expected key", StringComparison.Ordinal) || message.Contains("invalid mapping", StringComparison.Ordinal)
            || message.Contains("did not find expected '-' indicator", StringComparison.Ordinal))
        {
            return $"broken indentation or structure: {Lower(message)}";
        }

        return $"YAML syntax error: {Lower(message)}";
    }

    private static string Lower(string message) =>
        message.Length > 0 ? char.ToLowerInvariant(message[0]) + message[1..].TrimEnd('.') : message;
}
