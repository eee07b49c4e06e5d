"""The reports file (notebooks/reports.yaml): which notebooks to run, with which parameters."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dprkwatch.core.errors import ConfigError

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
DEFAULT_TIMEOUT = 600
DEFAULT_KERNEL = "python3"


@dataclass(frozen=True)
class ReportSpec:
    """One report: a notebook run with one set of parameters, rendered to NAME.html."""

    name: str
    notebook: Path
    title: str
    parameters: dict[str, Any] = field(default_factory=dict)
    description: str = ""


@dataclass(frozen=True)
class ReportsConfig:
    """The whole reports file."""

    path: Path
    reports: tuple[ReportSpec, ...]
    timeout: int = DEFAULT_TIMEOUT
    kernel: str = DEFAULT_KERNEL
    fork_kernels: bool = True

    @property
    def notebooks_dir(self) -> Path:
        return self.path.parent

    def select(self, only: list[str] | None) -> list[ReportSpec]:
        """The reports named in only (all when empty); a name may also be a notebook stem.

        A report's own name selects that report alone; a notebook name that is no report's
        name selects every report rendered from that notebook.
        """
        if not only:
            return list(self.reports)
        chosen, unknown = [], []
        for name in only:
            hits = [r for r in self.reports if r.name == name] or [
                r for r in self.reports if name in (r.notebook.stem, r.notebook.name)
            ]
            if not hits:
                unknown.append(name)
            chosen += [h for h in hits if h not in chosen]
        if unknown:
            names = ", ".join(r.name for r in self.reports)
            raise ConfigError(f"unknown report(s): {', '.join(unknown)} (known: {names})")
        return chosen


def load_config(path: Path | str) -> ReportsConfig:
    """Read and check the reports file; notebooks are relative to the file's folder."""
    path = Path(path).resolve()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise ConfigError(f"cannot read reports file {path}: {exc}") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path} is not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("reports"), list):
        raise ConfigError(f"{path}: expected a mapping with a 'reports' list")
    settings = data.get("settings") or {}
    defaults = data.get("defaults") or {}
    if not isinstance(defaults, dict) or not isinstance(settings, dict):
        raise ConfigError(f"{path}: 'defaults' and 'settings' must be mappings")
    specs: list[ReportSpec] = []
    seen: set[str] = set()
    for i, entry in enumerate(data["reports"]):
        if not isinstance(entry, dict) or "notebook" not in entry:
            raise ConfigError(f"{path}: report #{i + 1} needs at least a 'notebook'")
        notebook = (path.parent / entry["notebook"]).resolve()
        name = str(entry.get("name") or notebook.stem)
        if not _NAME.match(name):
            raise ConfigError(f"{path}: report name {name!r} must be a plain file name")
        if name in seen:
            raise ConfigError(f"{path}: report name {name!r} is used twice")
        if not notebook.is_file():
            raise ConfigError(f"{path}: report {name!r}: notebook {notebook} not found")
        params = entry.get("parameters") or {}
        if not isinstance(params, dict):
            raise ConfigError(f"{path}: report {name!r}: 'parameters' must be a mapping")
        seen.add(name)
        specs.append(
            ReportSpec(
                name=name,
                notebook=notebook,
                title=str(entry.get("title") or name),
                parameters={**defaults, **params},
                description=str(entry.get("description") or ""),
            )
        )
    return ReportsConfig(
        path=path,
        reports=tuple(specs),
        timeout=int(settings.get("timeout", DEFAULT_TIMEOUT)),
        kernel=str(settings.get("kernel", DEFAULT_KERNEL)),
        # DPRKWATCH_FORK_KERNELS=0 switches warm kernels off without editing the file.
        fork_kernels=bool(settings.get("fork_kernels", True))
        and os.environ.get("DPRKWATCH_FORK_KERNELS", "1") != "0",
    )


def resolve_parameters(
    spec: ReportSpec, notebooks_dir: Path, corpus: Path | None, state_dir: Path
) -> dict[str, Any]:
    """The parameters papermill passes: corpus made absolute (or --corpus), placeholders filled.

    "{state_dir}" in a string parameter becomes the output folder's ledger-snapshot folder.
    """
    params: dict[str, Any] = {}
    for key, value in spec.parameters.items():
        if isinstance(value, str) and "{state_dir}" in value:
            value = value.replace("{state_dir}", str(state_dir))
        params[key] = value
    if corpus is not None:
        params["corpus"] = str(Path(corpus).resolve())
    elif "corpus" in params:
        params["corpus"] = str((notebooks_dir / params["corpus"]).resolve())
    return params
