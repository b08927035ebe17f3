"""ruff over the code base, so style problems fail the suite like any other."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support.paths import ROOT


def test_ruff_is_clean():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed (it comes with the test extras)")
    folders = [name for name in ("builder", "tests", "bench") if (ROOT / name).is_dir()]
    result = subprocess.run([ruff, "check", *folders], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
