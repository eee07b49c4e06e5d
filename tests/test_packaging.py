"""The project's set-up files agree with each other and with the README."""

import re
import tomllib

import yaml
from packaging.markers import default_environment
from packaging.requirements import Requirement

from dprkwatch.core.paths import ROOT


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _locked() -> dict[str, list[tuple[str, str]]]:
    """name -> [(version, marker)] from requirements.lock."""
    out: dict[str, list[tuple[str, str]]] = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)\s*(?:;\s*([^\\]+))?", line)
        if m:
            name = re.sub(r"[-_.]+", "-", m.group(1)).lower()
            out.setdefault(name, []).append((m.group(2), (m.group(3) or "").strip()))
    return out


def _declared() -> list[Requirement]:
    project = _project()
    reqs = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        reqs += extra
    return [Requirement(r) for r in reqs]


def test_lock_pins_every_declared_dependency_within_its_bounds():
    locked = _locked()
    env = default_environment() | {"python_full_version": "3.11.7", "python_version": "3.11"}
    for req in _declared():
        name = re.sub(r"[-_.]+", "-", req.name).lower()
        assert name in locked, (
            f"{req.name} is declared in pyproject.toml but not in requirements.lock"
        )
        versions = [v for v, marker in locked[name] if not marker or _marker_holds(marker, env)]
        assert versions, f"{req.name}: no pin for Python 3.11 in requirements.lock"
        for v in versions:
            assert req.specifier.contains(v, prereleases=True), f"{req.name}=={v} breaks {req}"


def _marker_holds(marker: str, env: dict) -> bool:
    from packaging.markers import Marker

    return Marker(marker).evaluate(env)


def test_lock_has_hashes_for_every_pin():
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text)
    pins = [b for b in blocks if re.match(r"^[A-Za-z0-9_.\-]+==", b)]
    assert pins and all("--hash=sha256:" in b for b in pins)


def test_environment_yml_installs_the_lock():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = next(d for d in env["dependencies"] if isinstance(d, dict))["pip"]
    assert "-r requirements.lock" in pip and "--require-hashes" in pip
    assert any(str(d).startswith("python=3.11") for d in env["dependencies"])


def test_setup_installs_from_the_lock_only():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes -r requirements.lock" in makefile
    assert "--no-deps --no-build-isolation -e ." in makefile
    assert re.search(r"^lock:.*## ", makefile, re.MULTILINE)


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```bash\n(.*?)```", readme, re.DOTALL).group(1)
    commands = [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]
    assert commands == ["make reports", "make test"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_makefile_targets_are_documented():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("reports", "test", "lab", "bench", "help", "lock", "system"):
        assert re.search(rf"^{target}:.*## ", makefile, re.MULTILINE), target
