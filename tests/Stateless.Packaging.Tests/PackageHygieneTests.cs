using System;
using System.Collections.Immutable;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Stateless.Packaging.Tests;

/// <summary>
/// Every shipped package, packed as a release packs it: its own README named by the nuspec, license and repository
/// metadata with the commit, and for each of our assemblies a portable PDB (in the .snupkg beside it; embedded in the
/// analyzer DLLs, whose package has no .snupkg) whose Source Link maps the sources to that commit of the repository.
/// </summary>
[Collection("samples")]
public sealed class PackageHygieneTests : IClassFixture<PackedPackages>
{
    private const string RepositoryUrl = "https://github.com/stateless-analyzers/stateless-analyzers";

    /// <summary>The kind of the Source Link custom debug information in a portable PDB.</summary>
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    private readonly PackedPackages _packages;

    public PackageHygieneTests(PackedPackages packages) => _packages = packages;

    public static TheoryData<string> PackageIds => new(PackedPackages.Projects.Keys);

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void Package_carries_its_README_named_by_the_nuspec_with_its_install_line(string id)
    {
        using var package = ZipFile.OpenRead(Package(id));

        Assert.Equal("README.md", Child(Metadata(package), "readme")?.Value);
        var readme = ReadText(package.GetEntry("README.md") ?? throw new Xunit.Sdk.XunitException($"{id} has no README.md"));
        Assert.Matches($@"(dotnet add package |dotnet tool install -g |<PackageReference Include=""){Regex.Escape(id)}\b", readme);
    }

    [Fact]
    public void No_two_packages_share_a_README()
    {
        var readmes = PackedPackages.Projects.Keys.Select(id =>
        {
            using var package = ZipFile.OpenRead(Package(id));
            return ReadText(package.GetEntry("README.md")!);
        });

        Assert.Equal(PackedPackages.Projects.Count, readmes.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void Nuspec_names_the_license_the_project_and_the_commit_it_was_packed_from(string id)
    {
        using var package = ZipFile.OpenRead(Package(id));
        var metadata = Metadata(package);

        var license = Child(metadata, "license");
        Assert.Equal(("expression", "MIT"), ((string?)license?.Attribute("type"), license?.Value));
        Assert.Equal(RepositoryUrl, Child(metadata, "projectUrl")?.Value);
        var repository = Child(metadata, "repository");
        Assert.Equal("git", (string?)repository?.Attribute("type"));
        Assert.Equal(RepositoryUrl, (string?)repository?.Attribute("url"));
        Assert.Equal(HeadCommit(), (string?)repository?.Attribute("commit"));
    }

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void Each_of_our_assemblies_has_a_portable_PDB_with_Source_Link_to_the_packed_commit(string id)
    {
        var symbolPackage = _packages.File(id, ".snupkg");
        if (id == "Stateless.Analyzers")
        {
            Assert.Null(symbolPackage);
        }
        else
        {
            Assert.NotNull(symbolPackage);
        }

        using var package = ZipFile.OpenRead(Package(id));
        using var symbols = symbolPackage is null ? null : ZipFile.OpenRead(symbolPackage);
        var commit = (string?)Child(Metadata(package), "repository")?.Attribute("commit");
        var assemblies = package.Entries
            .Where(e => e.Name.StartsWith("Stateless.", StringComparison.Ordinal) && e.Name.EndsWith(".dll", StringComparison.Ordinal))
            .ToArray();
        Assert.NotEmpty(assemblies);

        foreach (var assembly in assemblies)
        {
            using var image = new PEReader(ReadBytes(assembly));
            var debugDirectory = image.ReadDebugDirectory();
            var embedded = debugDirectory.Where(d => d.Type == DebugDirectoryEntryType.EmbeddedPortablePdb).ToArray();
            var pdbEntry = symbols?.GetEntry(Path.ChangeExtension(assembly.FullName, ".pdb"));
            using var pdb = embedded.Length == 1
                ? image.ReadEmbeddedPortablePdbDebugDirectoryData(embedded[0])
                : MetadataReaderProvider.FromPortablePdbImage(ReadBytes(pdbEntry ?? throw new Xunit.Sdk.XunitException($"{assembly.FullName}: no embedded PDB and none in the symbol package")));
            var reader = pdb.GetMetadataReader();

            var codeView = image.ReadCodeViewDebugDirectoryData(debugDirectory.Single(d => d.Type == DebugDirectoryEntryType.CodeView));
            Assert.True(codeView.Guid == new BlobContentId(reader.DebugMetadataHeader!.Id).Guid, $"{assembly.FullName}: the PDB is not the one built with it");
            var expected = $"{RepositoryUrl.Replace("https://github.com/", "https://raw.githubusercontent.com/", StringComparison.Ordinal)}/{commit}/*";
            var target = SourceLinkTarget(reader, assembly.FullName);
            Assert.True(expected == target, $"{assembly.FullName}: Source Link maps to {target}, expected {expected} (the nuspec's repository at its commit; built from another commit than packed?)");
        }
    }

    /// <summary>The one URL pattern the Source Link document map of a PDB points to.</summary>
    private static string SourceLinkTarget(MetadataReader pdb, string assembly)
    {
        var sourceLink = pdb.GetCustomDebugInformation(EntityHandle.ModuleDefinition)
            .Select(pdb.GetCustomDebugInformation)
            .Where(info => pdb.GetGuid(info.Kind) == SourceLinkKind)
            .Select(info => pdb.GetBlobBytes(info.Value))
            .SingleOrDefault() ?? throw new Xunit.Sdk.XunitException($"{assembly}: the PDB has no Source Link");
        using var json = JsonDocument.Parse(sourceLink);
        return Assert.Single(json.RootElement.GetProperty("documents").EnumerateObject()).Value.GetString()!;
    }

    private static string HeadCommit()
    {
        var (exitCode, output) = DotNet.RunProgram("git", DotNet.RepositoryRoot, TimeSpan.FromMinutes(1), "rev-parse", "HEAD");
        Assert.True(exitCode == 0, output);
        return output.Trim();
    }

    private string Package(string id) =>
        _packages.File(id) ?? throw new Xunit.Sdk.XunitException($"no {id} package in {_packages.Folder}");

    /// <summary>A child element by local name (NuGet writes the nuspec schema version it chooses).</summary>
    private static XElement? Child(XElement parent, string name) => parent.Elements().SingleOrDefault(e => e.Name.LocalName == name);

    private static XElement Metadata(ZipArchive package)
    {
        using var stream = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/', StringComparison.Ordinal)).Open();
        return Child(XDocument.Load(stream).Root!, "metadata")!;
    }

    private static ImmutableArray<byte> ReadBytes(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray().ToImmutableArray();
    }

    private static string ReadText(ZipArchiveEntry entry) => Encoding.UTF8.GetString(ReadBytes(entry).AsSpan());
}
