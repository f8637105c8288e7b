#!/usr/bin/env bash
# GraphQL fuzzing of a running Casebook server with schemathesis, once as a
# member and once as an admin, checking only Casebook's error model (the
# `casebook_error_model` check in hooks.py).
#
#   bash tests/fuzz/run.sh URL MEMBER_TOKEN ADMIN_TOKEN
#   e.g. bash tests/fuzz/run.sh http://127.0.0.1:8080/graphql "$member" "$admin"
#
# URL is the GraphQL endpoint itself (ending in /graphql); the schema is read
# from it by introspection. Exits non-zero when the server cannot be reached,
# when a token does not sign in, or when schemathesis reports any failure or
# error in either run.
#
# Settings (environment):
#   FUZZ_VENV            Python venv to create or reuse   (/tmp/casebook-fuzz-venv)
#   FUZZ_PYTHON          Python >= 3.11 that creates it     (python3)
#   FUZZ_MAX_EXAMPLES    test cases per operation and run   (30)
#   FUZZ_SEED            Hypothesis seed                    (20250101)
#   FUZZ_WORKERS         concurrent schemathesis workers    (2)
#   FUZZ_REQUEST_TIMEOUT seconds per request (20: above the server's own 10 s
#                        deadline, so that its 503 is seen rather than a timeout)
#   FUZZ_RUN_TIMEOUT     hard limit in seconds for one run  (300)
#   FUZZ_SCHEMA          an SDL file (e.g. schema.graphql) to fuzz from instead of
#                        introspecting URL (unset: introspection)
#   FUZZ_MAX_RESPONSE_TIME  seconds; when set, a slower answer is a failure (unset)
#   FUZZ_EXCLUDE         operations not fuzzed, space-separated labels
#                        (Mutation.revokeApiToken: it would revoke the very
#                        token the run signs in with; set to "" to fuzz it too)
#   FUZZ_REPORT_DIR      where each run works and leaves its JUnit report
#                        (NAME/junit.xml; default: a new temporary folder)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if [ "$#" -ne 3 ]; then
  echo "usage: bash tests/fuzz/run.sh URL MEMBER_TOKEN ADMIN_TOKEN" >&2
  exit 2
fi
url=$1
member_token=$2
admin_token=$3
if [ -z "$url" ] || [ -z "$member_token" ] || [ -z "$admin_token" ]; then
  echo "fuzz: URL, MEMBER_TOKEN and ADMIN_TOKEN must all be non-empty" >&2
  exit 2
fi

venv=${FUZZ_VENV:-/tmp/casebook-fuzz-venv}
python=${FUZZ_PYTHON:-python3}
max_examples=${FUZZ_MAX_EXAMPLES:-30}
seed=${FUZZ_SEED:-20250101}
workers=${FUZZ_WORKERS:-2}
request_timeout=${FUZZ_REQUEST_TIMEOUT:-20}
run_timeout=${FUZZ_RUN_TIMEOUT:-300}
exclude=${FUZZ_EXCLUDE-Mutation.revokeApiToken}
report_dir=${FUZZ_REPORT_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/casebook-fuzz.XXXXXX")}
mkdir -p "$report_dir"
report_dir=$(cd "$report_dir" && pwd)

# --- the venv -------------------------------------------------------------
if ! "$venv/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "fuzz: creating the venv $venv"
  "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
    echo "fuzz: schemathesis 4.32 needs Python >= 3.11; $python is $("$python" --version 2>&1)" >&2
    exit 1
  }
  "$python" -m venv --clear "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"
st="$venv/bin/schemathesis"
echo "fuzz: $("$st" --version)"

# --- is the server there, and do the tokens sign in? ----------------------
# One request per token, before any fuzzing: an unreachable server, or a
# token that does not sign in (every answer UNAUTHENTICATED, which the check
# accepts), would otherwise make a run that passes having tested nothing.
signed_in_as() { # TOKEN -> prints the role, or fails saying why
  "$venv/bin/python" - "$url" "$1" "$request_timeout" <<'PY'
import json, sys, urllib.error, urllib.request

url, token, timeout = sys.argv[1], sys.argv[2], float(sys.argv[3])
body = json.dumps({"query": "query FuzzPreflight { me { id role } }", "operationName": "FuzzPreflight"}).encode()
request = urllib.request.Request(
    url, data=body, method="POST",
    headers={"Content-Type": "application/json", "Accept": "application/json", "Authorization": f"Bearer {token}"},
)
try:
    with urllib.request.urlopen(request, timeout=timeout) as response:
        payload = response.read()
except urllib.error.HTTPError as error:
    sys.exit(f"fuzz: preflight: HTTP {error.code} from {url}: {error.read()[:300]!r}")
except (urllib.error.URLError, OSError) as error:
    sys.exit(f"fuzz: preflight: cannot reach {url}: {getattr(error, 'reason', error)}")
try:
    me = (json.loads(payload).get("data") or {}).get("me")
except (ValueError, AttributeError):
    sys.exit(f"fuzz: preflight: {url} did not answer GraphQL JSON: {payload[:300]!r}")
if not me:
    sys.exit(f"fuzz: preflight: the token does not sign in at {url} (me is null): {payload[:300]!r}")
print(me.get("role"))
PY
}

# --- the runs -------------------------------------------------------------
# The schema: by introspection of URL, or from FUZZ_SCHEMA (an SDL file) sent to URL.
if [ -n "${FUZZ_SCHEMA:-}" ]; then
  location=("$(cd "$(dirname "$FUZZ_SCHEMA")" && pwd)/$(basename "$FUZZ_SCHEMA")" --url "$url")
else
  location=("$url")
fi
extra_args=()
for label in $exclude; do
  extra_args+=(--exclude-name "$label")
done
if [ -n "${FUZZ_MAX_RESPONSE_TIME:-}" ]; then
  extra_args+=(--max-response-time "$FUZZ_MAX_RESPONSE_TIME")
fi

run_as() { # NAME TOKEN
  local name=$1 token=$2 role status=0 started
  if ! role=$(signed_in_as "$token"); then
    echo "fuzz: $name run: preflight failed (see above)" >&2
    return 1
  fi
  # Swapped or wrong tokens would fuzz one role twice.
  if { [ "$name" = admin ] && [ "$role" != ADMIN ]; } || { [ "$name" = member ] && [ "$role" = ADMIN ]; }; then
    echo "fuzz: $name run: the $name token signs in as $role" >&2
    return 1
  fi
  echo
  echo "=== fuzz: $name (signed in as $role), $max_examples examples per operation, seed $seed"
  started=$SECONDS
  # In a folder of its own: schemathesis and Hypothesis write their working
  # files (.hypothesis/, crash files) to the current directory.
  local work="$report_dir/$name"
  mkdir -p "$work"
  # The Authorization header goes through the config file's ${VAR}
  # expansion rather than -H, so the token is not in the process list.
  # No Hypothesis database: a stored failing example would be replayed in
  # the next run and make it depend on the one before.
  (cd "$work" && FUZZ_AUTHORIZATION="Bearer $token" SCHEMATHESIS_HOOKS="$here/hooks.py" \
    HYPOTHESIS_STORAGE_DIRECTORY="$work/.hypothesis" \
    timeout --signal=INT --kill-after=30 "$run_timeout" \
    "$st" --config-file "$here/schemathesis.toml" run "${location[@]}" \
      --checks casebook_error_model \
      --max-examples "$max_examples" \
      --seed "$seed" \
      --workers "$workers" \
      --request-timeout "$request_timeout" \
      --generation-database none \
      --report junit --report-junit-path "$work/junit.xml" \
      --no-color \
      "${extra_args[@]}") || status=$?
  if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    echo "fuzz: $name run: stopped after FUZZ_RUN_TIMEOUT=${run_timeout}s" >&2
  fi
  # A fuzzing mutation may have revoked the token or suspended the member:
  # the rest of that run then tested nothing but UNAUTHENTICATED.
  if [ "$status" -eq 0 ] && ! signed_in_as "$token" >/dev/null; then
    echo "fuzz: $name run: the token no longer signs in after the run" >&2
    status=1
  fi
  echo "=== fuzz: $name: exit $status in $((SECONDS - started))s"
  return "$status"
}

passed=0
failed=0
for name in member admin; do
  if [ "$name" = member ]; then token=$member_token; else token=$admin_token; fi
  if run_as "$name" "$token"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
done
echo "fuzz: JUnit reports in $report_dir/{member,admin}/junit.xml"
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
