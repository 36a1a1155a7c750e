#!/usr/bin/env bash
# Runs every test (the README's test command). The PostgreSQL-backed tests need a server: .ci/postgres.sh starts a
# throwaway one on 127.0.0.1 (installing Debian's postgresql package first if it is missing) and exports
# ORLEANSCRON_TEST_POSTGRES. Then: dotnet test, with any arguments given here.
set -euo pipefail
cd "$(dirname "$0")"
eval "$(bash .ci/postgres.sh)"
exec dotnet test "$@"
