"""The public API is exactly what ``__all__`` says, and the CLI answers."""

from __future__ import annotations

import inspect

from click.testing import CliRunner

import kg_uitvoering
from kg_uitvoering.cli import main


def test_all_names_exist_and_are_the_public_api() -> None:
    public = {name for name, value in vars(kg_uitvoering).items()
              if not name.startswith("_") and not inspect.ismodule(value)}
    assert set(kg_uitvoering.__all__) - {"__version__"} == public
    for name in kg_uitvoering.__all__:
        assert getattr(kg_uitvoering, name) is not None


def test_cli_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert kg_uitvoering.__version__ in result.output
