namespace Stateless.Testing;

/// <summary>A response as a capture sees it: status, headers (joined with ", ") and raw body.</summary>
/// <param name="Status">The status code.</param>
/// <param name="Headers">Response and content headers, case-insensitive.</param>
/// <param name="Body">The body as text.</param>
public sealed record CapturedResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body);
