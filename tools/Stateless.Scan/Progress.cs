namespace Stateless.Scan;

/// <summary>
/// Progress on stderr: on a terminal, <see cref="Update"/> rewrites the current line; when stderr is redirected
/// (a log, another program) only the finished lines of <see cref="Line"/> are written.
/// </summary>
internal static class Progress
{
    private static readonly bool Interactive = !Console.IsErrorRedirected;
    private static int _width;

    public static void Update(string text)
    {
        if (Interactive)
        {
            Console.Error.Write("\r" + text.PadRight(_width));
            _width = text.Length;
        }
    }

    public static void Line(string text)
    {
        Console.Error.WriteLine(Interactive ? "\r" + text.PadRight(_width) : text);
        _width = 0;
    }

    public static void Note(string text) => Line("scan: note: " + text);
}
