#!/usr/bin/env bash
# Mutation testing of the library packages with gremlins (pinned). Slow —
# minutes per package — so it is not part of CI. Prints the efficacy and
# mutant coverage of each package and fails if one falls below the threshold
# of .gremlins.yaml (85% efficacy).
#
#   bash scripts/mutation.sh                 # every package
#   bash scripts/mutation.sh period retry    # some of them
set -euo pipefail
cd "$(dirname "$0")/.."

GREMLINS_VERSION=v0.6.0
export PATH="$(go env GOPATH)/bin:$PATH"
if ! gremlins --version 2>/dev/null | grep -q "${GREMLINS_VERSION#v}"; then
  go install "github.com/go-gremlins/gremlins/cmd/gremlins@${GREMLINS_VERSION}"
fi

packages=("$@")
if [ ${#packages[@]} -eq 0 ]; then
  packages=(period invoice pause retry subscription)
fi

status=0
for pkg in "${packages[@]}"; do
  echo "== $pkg"
  # .gremlins.yaml (read from the module root) sets the coefficient and the
  # efficacy threshold; gremlins exits non-zero below it.
  if ! gremlins unleash --timeout-coefficient 50 "./$pkg" > "/tmp/gremlins_$pkg.txt" 2>&1; then
    status=1
  fi
  grep -E 'LIVED|Killed:|Lived:|Not covered:|Timed out:|Not viable:|efficacy|coverage|threshold' "/tmp/gremlins_$pkg.txt" || true
done
exit $status
