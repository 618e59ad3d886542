"""The public API is exactly what ``__all__`` says, and the CLI answers."""

from __future__ import annotations

import inspect
from types import ModuleType

import pytest
from click.testing import CliRunner

import kg_uitvoering
import kg_uitvoering.library
from kg_uitvoering.cli import main


@pytest.mark.parametrize("package", [kg_uitvoering, kg_uitvoering.library],
                         ids=lambda p: p.__name__)
def test_all_names_exist_and_are_the_public_api(package: ModuleType) -> None:
    public = {name for name, value in vars(package).items()
              if not name.startswith("_") and not inspect.ismodule(value)}
    assert set(package.__all__) - {"__version__"} == public
    for name in package.__all__:
        assert getattr(package, name) is not None


def test_cli_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert kg_uitvoering.__version__ in result.output
