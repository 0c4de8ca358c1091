using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Stateless.Testing;

/// <summary>
/// A recorded sequence of requests from one or more virtual clients. Each virtual client keeps its cookies like a
/// browser; a step can capture a value from its response (a JWT from a login, an id from a Location header) into a
/// named variable that later steps use as <c>{{name}}</c> in their path, body or headers. <c>{{run}}</c> is a value
/// unique to each replay, for keys that must not collide across replays against a store the fleet cannot empty.
/// </summary>
/// <example><code>
/// var scenario = Scenario.Create("login then read profile")
///     .Post("/api/account/login", """{"username":"alice","password":"demo"}""").CaptureJson("token", "token")
///     .Get("/api/account/me").WithBearer("{{token}}");
/// </code></example>
public sealed class Scenario
{
    private readonly List<ScenarioStep> _steps = [];
    private string _client = "default";

    private Scenario(string name) => Name = name;

    /// <summary>The scenario's name in reports.</summary>
    public string Name { get; }

    /// <summary>The steps, in order; step numbers start at 1.</summary>
    public IReadOnlyList<ScenarioStep> Steps => _steps;

    /// <summary>Starts an empty scenario; requests go out as the virtual client <c>default</c> until <see cref="As"/>.</summary>
    /// <param name="name">The scenario's name in reports.</param>
    /// <returns>The scenario.</returns>
    public static Scenario Create(string name) => new(name);

    /// <summary>Sends the following steps as another virtual client (own cookies, own routing history).</summary>
    /// <param name="client">The virtual client's name.</param>
    /// <returns>This scenario.</returns>
    public Scenario As(string client)
    {
        _client = client;
        return this;
    }

    /// <summary>Adds a GET step.</summary>
    /// <param name="path">The path and query; may use <c>{{variables}}</c>.</param>
    /// <returns>This scenario.</returns>
    public Scenario Get(string path) => Send(HttpMethod.Get, path);

    /// <summary>Adds a POST step with an optional JSON body.</summary>
    /// <param name="path">The path and query; may use <c>{{variables}}</c>.</param>
    /// <param name="json">The JSON body; may use <c>{{variables}}</c>.</param>
    /// <returns>This scenario.</returns>
    public Scenario Post(string path, string? json = null) => Send(HttpMethod.Post, path, json);

    /// <summary>Adds a PUT step with an optional JSON body.</summary>
    /// <param name="path">The path and query; may use <c>{{variables}}</c>.</param>
    /// <param name="json">The JSON body; may use <c>{{variables}}</c>.</param>
    /// <returns>This scenario.</returns>
    public Scenario Put(string path, string? json = null) => Send(HttpMethod.Put, path, json);

    /// <summary>Adds a DELETE step.</summary>
    /// <param name="path">The path and query; may use <c>{{variables}}</c>.</param>
    /// <returns>This scenario.</returns>
    public Scenario Delete(string path) => Send(HttpMethod.Delete, path);

    /// <summary>Adds a step.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path and query; may use <c>{{variables}}</c>.</param>
    /// <param name="body">The body, if any; may use <c>{{variables}}</c>.</param>
    /// <param name="contentType">The body's media type.</param>
    /// <returns>This scenario.</returns>
    public Scenario Send(HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        _steps.Add(new ScenarioStep(_steps.Count + 1, _client, method, path, body, contentType));
        return this;
    }

    /// <summary>Adds a header to the last step.</summary>
    /// <param name="name">The header's name.</param>
    /// <param name="value">The header's value; may use <c>{{variables}}</c>.</param>
    /// <returns>This scenario.</returns>
    public Scenario WithHeader(string name, string value)
    {
        Last().HeaderList.Add(new KeyValuePair<string, string>(name, value));
        return this;
    }

    /// <summary>Adds <c>Authorization: Bearer …</c> to the last step.</summary>
    /// <param name="token">The token, usually a captured <c>{{variable}}</c>.</param>
    /// <returns>This scenario.</returns>
    public Scenario WithBearer(string token) => WithHeader("Authorization", "Bearer " + token);

    /// <summary>Captures a property of the last step's JSON response body.</summary>
    /// <param name="variable">The variable's name.</param>
    /// <param name="propertyPath">Dot-separated property names (case-insensitive) or array indexes, e.g. <c>token</c> or <c>items.0.id</c>.</param>
    /// <returns>This scenario.</returns>
    public Scenario CaptureJson(string variable, string propertyPath) =>
        Capture(variable, $"JSON {propertyPath}", response => ReadJson(response.Body, propertyPath));

    /// <summary>Captures a response header of the last step.</summary>
    /// <param name="variable">The variable's name.</param>
    /// <param name="header">The header's name.</param>
    /// <returns>This scenario.</returns>
    public Scenario CaptureHeader(string variable, string header) =>
        Capture(variable, $"header {header}", response => response.Headers.TryGetValue(header, out var value) ? value : null);

    /// <summary>Captures the first group (or the whole match) of a regular expression over the last step's body.</summary>
    /// <param name="variable">The variable's name.</param>
    /// <param name="pattern">The pattern.</param>
    /// <returns>This scenario.</returns>
    public Scenario CaptureRegex(string variable, [StringSyntax(StringSyntaxAttribute.Regex)] string pattern) =>
        Capture(variable, $"regex {pattern}", response =>
        {
            var match = Regex.Match(response.Body, pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return !match.Success ? null : match.Groups.Count > 1 ? match.Groups[1].Value : match.Value;
        });

    /// <summary>Captures a value the last step's response yields.</summary>
    /// <param name="variable">The variable's name.</param>
    /// <param name="description">How the value is found, for error messages.</param>
    /// <param name="read">Reads the value from the raw (not normalised) response; null when absent.</param>
    /// <returns>This scenario.</returns>
    public Scenario Capture(string variable, string description, Func<CapturedResponse, string?> read)
    {
        Last().CaptureList.Add(new StepCapture(variable, description, read));
        return this;
    }

    /// <inheritdoc />
    public override string ToString() => $"scenario \"{Name}\" ({_steps.Count} steps)";

    private ScenarioStep Last() =>
        _steps.Count > 0 ? _steps[^1] : throw new InvalidOperationException("Add a request step first.");

    private static string? ReadJson(string body, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var element = document.RootElement;
            foreach (var part in path.Split('.'))
            {
                if (element.ValueKind == JsonValueKind.Array && int.TryParse(part, out var index) && index < element.GetArrayLength())
                {
                    element = element[index];
                    continue;
                }

                if (element.ValueKind != JsonValueKind.Object)
                {
                    return null;
                }

                var found = element.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, part, StringComparison.OrdinalIgnoreCase));
                if (found.Value.ValueKind == JsonValueKind.Undefined)
                {
                    return null;
                }

                element = found.Value;
            }

            return element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
