"""The project's set-up files agree with each other and with the README."""

import re
import tomllib

import yaml

from dprkwatch.paths import ROOT


def _name(req: str) -> str:
    return re.split(r"[<>=!~\[ ;]", req.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_name(r) for r in project["dependencies"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda, pip = set(), set()
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip |= {_name(r) for r in dep.get("pip", []) if not r.startswith("-e")}
        else:
            conda.add(_name(dep))
    conda -= {"python", "pip"}
    assert conda | pip == wanted, (
        f"only in environment.yml: {(conda | pip) - wanted}; only in pyproject: {wanted - (conda | pip)}"
    )
    assert "-e ." in next(d for d in env["dependencies"] if isinstance(d, dict))["pip"]
    assert any(str(d).startswith("python=3.11") for d in env["dependencies"])


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```bash\n(.*?)```", readme, re.DOTALL).group(1)
    commands = [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]
    assert commands == ["make reports", "make test"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_makefile_targets_are_documented():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("reports", "test", "lab", "bench", "help"):
        assert re.search(rf"^{target}:.*## ", makefile, re.MULTILINE), target
