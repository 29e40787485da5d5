"""The systemd units of deploy/ start on a clean machine as its README says: every folder a
unit writes to is created by the README's install step and allowed by the unit (with
ProtectSystem=strict, nothing else is writable), and production installs no development
extras (issue 16)."""

import re
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"
UNITS = sorted((DEPLOY / "systemd").glob("*.service"))


def unit_lines(unit, key):
    return [
        line.split("=", 1)[1].strip()
        for line in unit.read_text().splitlines()
        if line.startswith(f"{key}=")
    ]


def readme():
    return (DEPLOY / "README.md").read_text()


def created_folders():
    return {
        folder
        for line in readme().splitlines()
        if line.strip().startswith("install -d")
        for folder in line.split()
        if folder.startswith("/")
    }


@pytest.mark.parametrize("unit", UNITS, ids=lambda unit: unit.name)
def test_every_folder_a_unit_writes_to_is_made_and_allowed(unit):
    allowed = {path for line in unit_lines(unit, "ReadWritePaths") for path in line.split()}
    written = {
        match
        for line in unit_lines(unit, "ExecStart")
        for match in re.findall(r"--dir\s+(\S+)", line)
    }
    if "collectstatic" in unit.read_text():
        written.add("/srv/dsi/staticfiles")
    if "ProtectSystem=strict" in unit.read_text():
        assert written <= allowed, f"{unit.name} writes outside its ReadWritePaths"
    assert allowed <= created_folders(), f"{unit.name}: no step of the README makes {allowed}"


def test_production_installs_no_development_extras():
    install = [line for line in readme().splitlines() if "pip install" in line]

    assert install
    assert not any("[dev]" in line or "make .venv" in line for line in install)
    assert "make .venv/.installed" not in readme()
