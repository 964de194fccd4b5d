"""Property-based run of the HTTP API against its own OpenAPI schema (schemathesis).

Every generated request must get a response the schema describes, and never a 500.
"""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from presslens.settings import Settings
from presslens.web import WebSettings, create_app

TOKEN = "schema-test-token"
# Web tests check the web layer; the techniques layer needs a trained model its own tests cover.
ANALYSIS = Settings(layers=frozenset({"entities", "quotes", "claims", "timeline", "artifacts"}))
# Small on purpose: each example may run the spaCy pipeline; the whole run stays under a minute.
MAX_EXAMPLES = 12

app = create_app(
    WebSettings(db=":memory:", token=TOKEN, max_upload_bytes=200_000, analysis=ANALYSIS)
)
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_answers_every_request_as_its_schema_says(case: schemathesis.Case[Any]) -> None:
    # A schema-valid body may still be refused with 422 for what no schema can say:
    # text that looks binary, an HTML page without an article. Everything else holds.
    case.call_and_validate(
        headers={"Authorization": f"Bearer {TOKEN}"}, excluded_checks=[positive_data_acceptance]
    )
