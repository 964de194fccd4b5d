"""The shipped example's brief keeps the `presslens.brief/2` contract, layer by layer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from brief_helpers import spans_in
from presslens.brief import TECHNIQUES
from presslens.cli import main
from presslens.layers.techniques.stage import CALIBRATIONS
from presslens.models import encoder
from presslens.models.calibration import Calibration
from presslens.settings import DEFAULT_PROFILE

EXAMPLE = Path(__file__).parent.parent / "examples" / "republished-opinion.txt"

ENUMS = {
    "entities": ("type", {"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "LAW", "WORK", "OTHER"}),
    "quotes": ("kind", {"direct", "indirect", "mixed"}),
    "claims": ("certainty", {"asserted", "hedged", "speculative", "attributed"}),
    "timeline": ("anchor", {"explicit", "document-date", "text-year", "previous-date"}),
    "techniques": ("technique", set(TECHNIQUES)),
    "artifacts": (
        "kind",
        {"foreign-script", "name-variant", "spelling-variant", "placeholder", "mistranslation",
         "boilerplate", "other"},
    ),
}  # fmt: skip


@pytest.fixture(scope="module")
def brief() -> dict[str, Any]:
    # --all-items: the contract covers items below the display threshold too.
    result = CliRunner().invoke(main, ["analyze", str(EXAMPLE), "--format", "json", "--all-items"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


def test_text_is_the_file_and_every_offset_points_at_its_text(brief: dict[str, Any]) -> None:
    assert brief["schema"] == "presslens.brief/2"
    assert brief["text"] == EXAMPLE.read_text(encoding="utf-8")
    spans = spans_in({k: v for k, v in brief.items() if k != "text"})
    assert len(spans) > 50
    for span in spans:
        assert 0 <= span["start"] < span["end"] <= len(brief["text"]), span
        assert brief["text"][span["start"] : span["end"]] == span["text"]


@pytest.mark.parametrize("layer", sorted(ENUMS))
def test_every_layer_is_filled_with_contract_values(brief: dict[str, Any], layer: str) -> None:
    field, allowed = ENUMS[layer]
    assert brief[layer], f"{layer} is empty on the example"
    assert {item[field] for item in brief[layer]} <= allowed


def test_document_provenance_of_the_example(brief: dict[str, Any]) -> None:
    document = brief["document"]
    assert document["author"] == "Irina Lebedeva"
    assert document["published_source"] == "url-id"
    assert document["original_url"].startswith("https://www.toutiao.com/article/")
    assert document["disclaimer"]["text"].startswith("Disclaimer:")
    assert len(document["sha256"]) == 64


def test_version_2_says_which_layers_ran_and_where_the_text_came_from(
    brief: dict[str, Any],
) -> None:
    assert set(brief["layers"]) == set(ENUMS)
    assert all(status["computed"] for status in brief["layers"].values())
    assert brief["layers"]["techniques"]["profile"] == encoder.runnable(DEFAULT_PROFILE)
    assert brief["layers"]["quotes"]["profile"] is None
    assert brief["document"]["origin"] == str(EXAMPLE)
    assert brief["document"]["id"] is None
    assert brief["document"]["notices"] == []


def test_a_layer_not_asked_for_is_marked_not_computed() -> None:
    result = CliRunner().invoke(
        main, ["analyze", str(EXAMPLE), "--format", "json", "--layers", "timeline"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["layers"]["timeline"] == {
        "computed": True,
        "profile": None,
        "threshold": None,
        "withheld": 0,
        "reason": None,
    }
    assert data["layers"]["quotes"]["computed"] is False
    assert data["layers"]["quotes"]["reason"] == "not asked for"
    assert data["quotes"] == []


def test_techniques_below_the_display_threshold_are_withheld_and_counted(
    brief: dict[str, Any],
) -> None:
    result = CliRunner().invoke(
        main, ["analyze", str(EXAMPLE), "--format", "json", "--layers", "techniques"]
    )
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    status = shown["layers"]["techniques"]
    calibration = Calibration.load(CALIBRATIONS[status["profile"]])
    assert status["threshold"] == calibration.threshold
    assert all(calibration.clears(t["confidence"]) for t in shown["techniques"])
    below = [t for t in brief["techniques"] if not calibration.clears(t["confidence"])]
    assert status["withheld"] == len(below) > 0
    assert brief["layers"]["techniques"]["withheld"] == 0
