#!/usr/bin/env bash
# What `make test` needs from the machine besides Python 3.11, installed with apt-get where
# missing (Debian or Ubuntu; as root, or through sudo):
#   - the PostgreSQL server binaries (initdb, pg_ctl): the equality test starts its own server;
#   - a Java 17 runtime: the Spark equality test runs a local PySpark;
#   - Chromium and chromedriver: the report test renders the report in headless Chromium.
set -euo pipefail

missing=()
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null; then
    missing+=(postgresql)
fi
command -v java >/dev/null || missing+=(openjdk-17-jre-headless)
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)

if [ ${#missing[@]} -eq 0 ]; then
    echo "prerequisites: PostgreSQL server binaries, Java, Chromium and chromedriver are here"
    exit 0
fi
if ! command -v apt-get >/dev/null; then
    echo "prerequisites: missing ${missing[*]} (Debian package names); install them with your" \
        "system's package manager, then run the command again" >&2
    exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "prerequisites: installing ${missing[*]}"
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${missing[@]}" >/dev/null
