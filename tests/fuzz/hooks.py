"""Schemathesis hooks for fuzzing Casebook's GraphQL API (see run.sh).

Registers one check, `casebook_error_model`, that encodes the error model of
shared/spec/API.md ("Errors", and SERVICE_UNAVAILABLE from "Additions for the
open issues"):

- no answer is a 5xx (a panic, a 500, an overloaded or lost database);
- every body is JSON;
- a GraphQL answer (a JSON object) has `data` or `errors`;
- every entry of `errors` is an object with `extensions.code`, and the code
  is one of the closed list below.

An error with a listed code (FORBIDDEN, NOT_FOUND, BAD_USER_INPUT, ...) is the
API doing its job on a random input, so it is not a failure. That is why
run.sh runs this check alone: schemathesis' stock GraphQL checks treat every
GraphQL error as a bug, which is not this API's contract.

Loaded by schemathesis through the SCHEMATHESIS_HOOKS environment variable
(schemathesis 4 has no `--hooks` option).
"""

from __future__ import annotations

import json
from typing import Any

import schemathesis
from hypothesis import strategies as st
from schemathesis.graphql import nodes

ERROR_CODES = frozenset(
    {
        "UNAUTHENTICATED",
        "FORBIDDEN",
        "NOT_FOUND",
        "BAD_USER_INPUT",
        "CONFLICT",
        "QUERY_TOO_COMPLEX",
        "RATE_LIMITED",
        "SERVICE_UNAVAILABLE",
    }
)

# Longest part of a body quoted in a failure message.
EXCERPT = 500


def _excerpt(content: bytes | None) -> str:
    text = (content or b"").decode("utf-8", errors="replace")
    return text if len(text) <= EXCERPT else text[:EXCERPT] + "..."


def _error_code(error: Any) -> Any:
    """The `extensions.code` of one GraphQL error, or None when it has none."""
    if not isinstance(error, dict):
        return None
    extensions = error.get("extensions")
    if not isinstance(extensions, dict):
        return None
    return extensions.get("code")


@schemathesis.check
def casebook_error_model(ctx, response, case):
    """Casebook's error model: no 5xx, JSON bodies, every error with a listed `extensions.code`."""
    # Each failure kind is raised on its own line: schemathesis groups custom
    # failures by the line that raised them (per operation).
    if response.status_code >= 500:
        raise AssertionError(
            f"HTTP {response.status_code}: the API answered a client's request with a server error.\n"
            f"Body: {_excerpt(response.content)}"
        )
    try:
        body = json.loads(response.content)
    except (ValueError, UnicodeDecodeError) as exc:
        raise AssertionError(
            f"HTTP {response.status_code}: the body is not JSON ({exc}).\n"
            f"Content-Type: {', '.join(response.headers.get('content-type', [])) or '(none)'}\n"
            f"Body: {_excerpt(response.content)}"
        ) from None
    if not isinstance(body, dict):
        raise AssertionError(
            f"HTTP {response.status_code}: the body is JSON but not an object.\nBody: {_excerpt(response.content)}"
        )
    if "data" not in body and "errors" not in body:
        raise AssertionError(
            f"HTTP {response.status_code}: a GraphQL response has neither `data` nor `errors`.\n"
            f"Body: {_excerpt(response.content)}"
        )
    if "errors" not in body or body["errors"] is None:
        return None
    errors = body["errors"]
    if not isinstance(errors, list) or not errors:
        raise AssertionError(
            f"HTTP {response.status_code}: `errors` must be a non-empty list.\nBody: {_excerpt(response.content)}"
        )
    without_code = [error for error in errors if _error_code(error) is None]
    if without_code:
        raise AssertionError(
            f"HTTP {response.status_code}: {len(without_code)} of {len(errors)} errors have no `extensions.code`.\n"
            f"First: {json.dumps(without_code[0])[:EXCERPT]}"
        )
    unknown = [error for error in errors if _error_code(error) not in ERROR_CODES]
    if unknown:
        codes = sorted({str(_error_code(error)) for error in unknown})
        raise AssertionError(
            f"HTTP {response.status_code}: error code(s) {', '.join(codes)} not in the closed list "
            f"({', '.join(sorted(ERROR_CODES))}).\n"
            f"First: {json.dumps(unknown[0])[:EXCERPT]}"
        )
    return None


# Date and DateTime come with schemathesis. `JSON` is the scalar the open
# issues add (output only for now); should an argument ever take one, fuzz it
# with small strings, numbers and booleans instead of stopping the run with
# "Unknown GraphQL Scalar".
schemathesis.graphql.scalar(
    "JSON",
    st.one_of(
        st.text(max_size=20).map(nodes.String),
        st.integers(min_value=-(2**31), max_value=2**31 - 1).map(nodes.Int),
        st.booleans().map(nodes.Boolean),
    ),
)
