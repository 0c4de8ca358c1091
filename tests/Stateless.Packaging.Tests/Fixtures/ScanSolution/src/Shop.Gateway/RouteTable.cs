namespace Shop.Gateway;

public sealed class RouteTable
{
    public string Resolve(string path) => path.TrimStart('/');
}
