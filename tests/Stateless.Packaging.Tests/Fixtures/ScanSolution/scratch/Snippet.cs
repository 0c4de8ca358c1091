namespace Scratch;

public static class Snippet
{
    public static int Answer() => 42;
}
