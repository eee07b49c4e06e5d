"""The package's layers follow the data flow: a lower layer never imports a higher one.

ingest -> lang -> numbers -> extract -> ledger -> store -> analysis -> notebook -> reports -> cli,
all above `core` (paths, errors, atomic writes, formatting, the ledger vocabulary). Every import
statement counts, including those inside functions (a lazy import is still a dependency).
"""

import ast
from pathlib import Path

import pytest

from dprkwatch.core.paths import PACKAGE_DIR

LAYERS = [
    "core",
    "ingest",
    "lang",
    "numbers",
    "extract",
    "ledger",
    "store",
    "analysis",
    "notebook",
    "reports",
    "cli",
]


def _layer(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "dprkwatch" or len(parts) < 2:
        return None  # the package root only re-exports names lazily, by string
    return parts[1] if parts[1] in LAYERS else None


def _modules():
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        rel = path.relative_to(PACKAGE_DIR.parent).with_suffix("")
        yield ".".join(rel.parts).removesuffix(".__init__"), path


def _imports(path: Path, module: str):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base]) if base else ".".join(parent)
            # `from dprkwatch import reports` imports the layer it names
            names = [f"{base}.{a.name}" for a in node.names] if base == "dprkwatch" else [base]
            for name in names:
                yield node.lineno, name


def test_every_module_belongs_to_a_layer():
    stray = [m for m, _ in _modules() if m != "dprkwatch" and _layer(m) is None]
    assert stray == [], f"modules outside the layer folders: {stray}"


@pytest.mark.parametrize(("module", "path"), list(_modules()), ids=lambda v: str(v))
def test_no_import_from_a_higher_layer(module, path):
    own = _layer(module)
    if own is None:
        return
    bad = []
    for line, target in _imports(path, module):
        other = _layer(target)
        if other is not None and LAYERS.index(other) > LAYERS.index(own):
            bad.append(f"{path.name}:{line} imports {target} ({other} is above {own})")
    assert bad == []
