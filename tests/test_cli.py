"""The `presslens analyze` command through its real entry point: outputs, exit codes, refusals."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from presslens.cli import main
from presslens.models import encoder

ARTICLE = "Port talks end\n\nThe talks in Tallinn ended on Friday without an agreement.\n"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """The installed console entry point, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "presslens.cli", *args],
        input=stdin,
        capture_output=True,
        check=False,
    )


def test_json_brief_of_a_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    result = CliRunner().invoke(main, ["analyze", str(path), "-f", "json", "--layers", "entities"])
    assert result.exit_code == 0, result.output
    brief = json.loads(result.output)
    assert brief["schema"] == "presslens.brief/2"
    assert brief["text"] == ARTICLE
    assert brief["document"]["title"] == "Port talks end"


def test_stdin_is_read_with_a_dash() -> None:
    result = run("analyze", "-", "-f", "json", "--layers", "entities", stdin=ARTICLE.encode())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["text"] == ARTICLE


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "presslens: {path}: the input is empty\n"),
        (b"   \n\n  ", "presslens: {path}: the input holds only whitespace\n"),
        (
            b"\x00\x01\x02\x03binary\x00\x00" * 50,
            "presslens: {path}: looks like a binary file, not text\n",
        ),
        (
            "ends in \u201c".encode()[:-1],
            "presslens: {path}: truncated UTF-8: the file ends inside "
            "a multi-byte character (byte 8)\n",
        ),
    ],
)
def test_unusable_input_gets_exit_1_and_one_line(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = run("analyze", str(path), "-f", "json")
    assert result.returncode == 1
    assert result.stdout == b""
    assert result.stderr.decode() == message.format(path=path)


def test_file_over_the_limit_is_refused_with_the_setting_named(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000)
    result = run("analyze", str(path), "--max-bytes", "1000")
    assert result.returncode == 1
    assert result.stderr.decode() == (
        f"presslens: {path}: input is 5,000 bytes, over the limit of 1,000 bytes "
        "(raise it with --max-bytes)\n"
    )


def test_batch_keeps_good_records_and_reports_the_broken_line(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(
        json.dumps({"text": "First article about the port."})
        + "\n{broken\n"
        + json.dumps({"text": "Second article about the bridge."})
        + "\n"
    )
    result = run("analyze", str(path), "-f", "jsonl", "--layers", "entities")
    assert result.returncode == 1
    briefs = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [b["text"] for b in briefs] == [
        "First article about the port.",
        "Second article about the bridge.",
    ]
    assert result.stderr.decode() == (
        f"presslens: skipped {path}: line 2: not valid JSON (Expecting property name "
        "enclosed in double quotes)\n"
    )


def test_output_file_is_not_written_when_the_input_is_unusable(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    out = tmp_path / "out.json"
    out.write_text("previous contents")
    result = run("analyze", str(bad), "-f", "json", "-o", str(out))
    assert result.returncode == 1
    assert out.read_text() == "previous contents"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt", "out.json"]


def test_wrong_usage_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    assert run("analyze", str(path), "--layers", "gossip").returncode == 2
    assert run("analyze", str(path), "--published", "last tuesday").returncode == 2
    assert run("analyze").returncode == 2


def analyse_json(*args: str) -> tuple[int, object]:
    result = CliRunner().invoke(main, ["analyze", *args, "-f", "json", "--layers", "entities"])
    return result.exit_code, json.loads(result.output) if result.output.strip() else None


def test_json_has_one_shape_per_kind_of_input(tmp_path: Path) -> None:
    one = tmp_path / "one.txt"
    one.write_text(ARTICLE)
    listed = tmp_path / "listed.json"
    listed.write_text(json.dumps([{"text": ARTICLE, "id": "r1"}]))
    lines = tmp_path / "lines.jsonl"
    lines.write_text(json.dumps({"text": ARTICLE}) + "\n")
    code, brief = analyse_json(str(one))
    assert code == 0 and isinstance(brief, dict)
    code, briefs = analyse_json(str(listed))
    assert code == 0 and isinstance(briefs, list) and len(briefs) == 1
    assert briefs[0]["document"]["id"] == "r1"
    code, briefs = analyse_json(str(lines))
    assert code == 0 and isinstance(briefs, list) and len(briefs) == 1
    code, briefs = analyse_json(str(one), str(one))
    assert code == 0 and isinstance(briefs, list) and len(briefs) == 2


def test_a_json_list_whose_records_all_fail_still_prints_a_list(tmp_path: Path) -> None:
    listed = tmp_path / "listed.json"
    listed.write_text(json.dumps([{"text": " "}]))
    result = run("analyze", str(listed), "-f", "json", "--layers", "entities")
    assert result.returncode == 1
    assert json.loads(result.stdout) == []
    assert result.stderr.decode() == (
        f"presslens: skipped {listed}: record 1: the input holds only whitespace\n"
    )


def test_output_file_gets_the_usual_permissions_and_a_symlink_is_followed(
    tmp_path: Path,
) -> None:
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE)
    out = tmp_path / "out.json"
    assert run("analyze", str(source), "-f", "json", "-o", str(out)).returncode == 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
    real = tmp_path / "real.json"
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert run("analyze", str(source), "-f", "json", "-o", str(link)).returncode == 0
    assert link.is_symlink()
    assert json.loads(real.read_text())["text"] == ARTICLE
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_output_to_a_device_writes_into_it_and_leaves_it_a_device(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE)
    assert run("analyze", str(source), "-f", "json", "-o", os.devnull).returncode == 0
    assert Path(os.devnull).is_char_device()


@pytest.mark.slow
@pytest.mark.parametrize("profile", ["fast", "accurate"])
def test_profile_option_chooses_the_models_and_the_brief_records_it(
    tmp_path: Path, profile: str
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Residents demand answers\n\nThe butchers slaughtered innocent children.\n")
    args = ["analyze", str(path), "-f", "json", "--layers", "techniques", "--profile", profile]
    encoder.loaded.cache_clear()  # loading the encoder must not draw on stderr either
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    ran = profile if encoder.available() else "fast"
    assert json.loads(result.stdout)["layers"]["techniques"]["profile"] == ran


def test_an_unknown_profile_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Text.\n")
    result = CliRunner().invoke(main, ["analyze", str(path), "--profile", "turbo"])
    assert result.exit_code == 2
    assert "turbo" in result.output
