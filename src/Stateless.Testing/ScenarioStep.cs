using System.Text;
using System.Text.RegularExpressions;

namespace Stateless.Testing;

/// <summary>One request of a <see cref="Scenario"/>.</summary>
public sealed class ScenarioStep
{
    internal ScenarioStep(int number, string client, HttpMethod method, string path, string? body, string contentType)
    {
        Number = number;
        Client = client;
        Method = method;
        Path = path;
        Body = body;
        ContentType = contentType;
    }

    /// <summary>The step's 1-based number.</summary>
    public int Number { get; }

    /// <summary>The virtual client that sends it.</summary>
    public string Client { get; }

    /// <summary>The HTTP method.</summary>
    public HttpMethod Method { get; }

    /// <summary>The path template.</summary>
    public string Path { get; }

    /// <summary>The body template, if any.</summary>
    public string? Body { get; }

    /// <summary>The body's media type.</summary>
    public string ContentType { get; }

    /// <summary>Header templates.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers => HeaderList;

    /// <summary>Values captured from the response.</summary>
    public IReadOnlyList<StepCapture> Captures => CaptureList;

    internal List<KeyValuePair<string, string>> HeaderList { get; } = [];

    internal List<StepCapture> CaptureList { get; } = [];

    /// <inheritdoc />
    public override string ToString() => $"step {Number}: {Client}: {Method.Method} {Path}";

    internal HttpRequestMessage CreateRequest(IReadOnlyDictionary<string, string> variables)
    {
        var request = new HttpRequestMessage(Method, Fill(Path, variables));
        if (Body is not null)
        {
            request.Content = new StringContent(Fill(Body, variables), Encoding.UTF8, ContentType);
        }

        foreach (var (name, value) in HeaderList)
        {
            request.Headers.TryAddWithoutValidation(name, Fill(value, variables));
        }

        return request;
    }

    private string Fill(string template, IReadOnlyDictionary<string, string> variables) =>
        Regex.Replace(template, @"\{\{(\w+)\}\}", match =>
            variables.TryGetValue(match.Groups[1].Value, out var value)
                ? value
                : throw new InvalidOperationException(
                    $"{this} uses {{{{{match.Groups[1].Value}}}}}, which no earlier step captured."),
            RegexOptions.None, TimeSpan.FromSeconds(1));
}
