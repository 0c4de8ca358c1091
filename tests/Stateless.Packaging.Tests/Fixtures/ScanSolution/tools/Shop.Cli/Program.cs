using Shop.Core;

var seen = new Dictionary<string, CartLine>();
foreach (var line in File.ReadLines(args[0]))
{
    var parts = line.Split(',');
    seen[parts[0]] = new CartLine(parts[0], int.Parse(parts[1]), decimal.Parse(parts[2]));
}

Console.WriteLine(Prices.Total(seen.Values));
