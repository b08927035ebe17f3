"""Page scripts bundled with the modules they import (builder/site/bundle.py):
the bundle behaves as the modules do (run in Node), and a module the bundler
cannot take apart is refused with a message that says what to change."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from support.cli import run
from support.paths import SMALL_BANK

from builder.site.bundle import BundleError, bundle

MODULES = {
    "js/pages/page.js": 'import { twice, name } from "../rules/math.js";\n'
                        'import { name as other } from "../ui/words.js";\n'
                        'const value = await Promise.resolve(twice(21));\n'
                        "console.log(JSON.stringify([value, name, other]));\n",
    "js/rules/math.js": 'import { one } from "./one.js";\nexport const name = "math";\n'
                        "export function twice(x) {\nreturn helper(x) * 2 * one;\n}\nconst helper = (x) => x;\n",
    "js/rules/one.js": "export const one = 1;\nconst name = 'clash';\n",
    "js/ui/words.js": 'import { one } from "../rules/one.js";\nexport const name = "words" + one;\n',
}


def run_in_node(tmp_path, source: str) -> str:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed (Debian: apt-get install nodejs; tests/run.sh installs it)")
    (tmp_path / "bundle.mjs").write_text(source, encoding="utf-8")
    done = subprocess.run([node, str(tmp_path / "bundle.mjs")], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_bundle_runs_as_its_modules_would(tmp_path):
    code = bundle("js/pages/page.js", MODULES)
    assert "import" not in code and "export" not in code
    assert code.count("const _rules_one = ") == 1, "a module imported twice is bundled once"
    assert run_in_node(tmp_path, code) == '[42,"math","words1"]'


def test_modules_come_before_what_imports_them():
    code = bundle("js/pages/page.js", MODULES)
    order = [code.index(f"const _{name} = ") for name in ("rules_one", "rules_math", "ui_words")]
    assert order == sorted(order) and code.rindex("console.log") > order[-1]


@pytest.mark.parametrize(("source", "message"), [
    ('const m = await import("../rules/one.js");\n', "found 'import('"),
    ('import * as one from "../rules/one.js";\n', "found 'import'"),
    ('export { one } from "../rules/one.js";\n', "found 'export {'"),
    ("export default 1;\n", "found 'export default'"),
])
def test_forms_the_bundler_does_not_take_apart_are_refused(source, message):
    with pytest.raises(BundleError) as refused:
        bundle("js/pages/page.js", {"js/pages/page.js": source, "js/rules/one.js": "export const one = 1;\n"})
    assert str(refused.value) == ('js/pages/page.js: write imports as `import { ... } from "./module.js";` on one '
                                  f"line and exports as declarations; {message}")


def test_circles_and_missing_modules_are_refused():
    circle = {"js/pages/a.js": 'import { b } from "./b.js";\n', "js/pages/b.js": 'import { a } from "./a.js";\n'}
    with pytest.raises(BundleError, match=r"^js/pages/a\.js: imports form a circle"):
        bundle("js/pages/a.js", circle)
    with pytest.raises(BundleError, match=r"^js/ui/gone\.js: imported, but not a file of the site$"):
        bundle("js/pages/a.js", {"js/pages/a.js": 'import { x } from "../ui/gone.js";\n'})


def test_a_theme_script_the_bundler_cannot_take_apart_fails_the_build_cleanly(tmp_path):
    (tmp_path / "theme" / "static" / "js" / "pages").mkdir(parents=True)
    (tmp_path / "theme" / "static" / "js" / "pages" / "quiz.js").write_text("export default 1;\n", encoding="utf-8")
    (tmp_path / "assessment.yml").write_text("theme_dir: theme\n", encoding="utf-8")
    result = run("build", "--bank", SMALL_BANK, "--config", tmp_path / "assessment.yml", "-d", tmp_path / "site")
    assert result.exit_code == 1
    assert result.stderr == (
        "static/js/pages/quiz.js: write imports as `import { ... } from \"./module.js\";` on one line and exports as "
        "declarations; found 'export default' (bundling js/pages/quiz.js)\nError: 1 problem found\n")
    assert not (tmp_path / "site").exists()
