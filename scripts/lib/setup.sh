# Shared set-up for the repository's scripts. Sourced, not run.

# The .NET SDK must be on PATH (the machine image provides it; see global.json for the version band).
ensure_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "error: the .NET SDK (dotnet) is not on PATH; install the SDK named in global.json" >&2
    exit 1
  fi
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
}

# Services the tests need. Redis-backed tests start their own redis-server on a free loopback port; they only
# need the binary, which comes from Debian's package.
ensure_services() {
  if ! command -v redis-server >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
      echo "==> installing redis-server"
      apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
    else
      echo "warning: redis-server is missing and cannot be installed here; Redis tests will fail" >&2
    fi
  fi
  command -v python3 >/dev/null 2>&1 || { echo "error: python3 is needed to sum test results" >&2; exit 1; }
}
