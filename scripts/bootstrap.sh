#!/usr/bin/env bash
# Installs everything the tracker needs on a fresh machine, and does nothing when it is all there:
# the Python venv (pinned by requirements.lock), Debian's redis-server and chromium, and the
# Kafka 3.9.1 jars from Maven Central. Usage: scripts/bootstrap.sh [--no-browser]
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=1
[ "${1:-}" = "--no-browser" ] && want_browser=0

say() { printf '==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# --- Python venv --------------------------------------------------------------------------
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null || PY=python3
"$PY" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' \
  || die "Python 3.11 is required (found $("$PY" --version 2>&1)); set PYTHON=/path/to/python3.11"
stamp=".venv/.installed-$(sha256sum requirements.lock pyproject.toml | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  say "creating .venv and installing pinned packages (requirements.lock)"
  [ -x .venv/bin/python ] || "$PY" -m venv .venv
  .venv/bin/pip install -q --disable-pip-version-check -r requirements.lock
  rm -f .venv/.installed-*
  touch "$stamp"
fi

# --- Debian packages ----------------------------------------------------------------------
missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
if [ "$want_browser" = 1 ] && [ ! -x /usr/bin/chromium ]; then missing+=(chromium fonts-noto-core); fi
command -v java >/dev/null || missing+=(openjdk-17-jre-headless)
command -v mvn >/dev/null || missing+=(maven)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    say "installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    die "missing ${missing[*]}; run: sudo apt-get install -y ${missing[*]}"
  fi
fi

# --- Kafka jars ---------------------------------------------------------------------------
libs=.cache/kafka/libs
if ! ls "$libs"/kafka_2.13-3.9.1.jar >/dev/null 2>&1; then
  say "fetching Apache Kafka 3.9.1 jars from Maven Central into $libs"
  mkdir -p "$libs"
  # Maven 3.8 resolves the bare dependency: prefix to an ancient plugin; name 3.8.1 explicitly.
  mvn -B -q -Dstyle.color=never -f infra/kafka/pom.xml \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$PWD/$libs"
fi
# --- docker compose (the client only: checks docker-compose.yml; no engine runs here) ------
if command -v docker >/dev/null && ! docker compose version >/dev/null 2>&1; then
  command -v go >/dev/null || die "docker compose plugin missing and no Go toolchain to build it"
  say "building the docker compose v2 client plugin (pinned v2.29.7) from the Go module proxy"
  gobin="$PWD/.cache/go-bin"
  GOBIN="$gobin" go install github.com/docker/compose/v2/cmd@v2.29.7
  plugins="$HOME/.docker/cli-plugins"
  [ "$(id -u)" = 0 ] && plugins=/usr/local/lib/docker/cli-plugins
  mkdir -p "$plugins"
  cp "$gobin/cmd" "$plugins/docker-compose"
fi

say "ready: .venv, redis-server, Kafka jars$([ "$want_browser" = 1 ] && echo ', chromium')"
