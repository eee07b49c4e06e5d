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
DEFAULT_TIMEOUT = 600  # seconds one cell may run
DEFAULT_REPORT_TIMEOUT = 1800  # seconds one report may run, kernel start to rendered HTML
DEFAULT_RUN_TIMEOUT = 4 * 3600  # seconds a whole run may hold the output folder's lock
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
    corpora: tuple[Path, ...] = ()  # folders the store is updated from when --corpus is not given
    report_timeout: float = DEFAULT_REPORT_TIMEOUT
    run_timeout: float = DEFAULT_RUN_TIMEOUT

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
        timeout=_seconds(settings, "timeout", DEFAULT_TIMEOUT, path),
        report_timeout=_seconds(settings, "report_timeout", DEFAULT_REPORT_TIMEOUT, path),
        run_timeout=_seconds(settings, "run_timeout", DEFAULT_RUN_TIMEOUT, path),
        corpora=_corpora(settings.get("corpus", defaults.get("corpus")), path),
        kernel=str(settings.get("kernel", DEFAULT_KERNEL)),
        # DPRKWATCH_FORK_KERNELS=0 switches warm kernels off without editing the file.
        fork_kernels=bool(settings.get("fork_kernels", True))
        and os.environ.get("DPRKWATCH_FORK_KERNELS", "1") != "0",
    )


def _seconds(settings: dict, name: str, default: float, path: Path) -> int:
    value = settings.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ConfigError(f"{value!r} is not a number of seconds", path, f"settings.{name}")
    return int(value)


def _corpora(value: Any, path: Path) -> tuple[Path, ...]:
    """The corpus folders of the reports file, relative to its folder."""
    if value in (None, "", []):
        return ()
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(v, str) and v for v in items):
        raise ConfigError("expected a folder or a list of folders", path, "settings.corpus")
    return tuple((path.parent / v).resolve() for v in items)


def resolve_parameters(
    spec: ReportSpec,
    notebooks_dir: Path,
    corpus: Path | None = None,
    state_dir: Path | None = None,
    *,
    store: Path | None = None,
) -> dict[str, Any]:
    """The parameters papermill passes: "{store}" in a string becomes the store's folder.

    corpus and state_dir are accepted for callers of the earlier signature and not used:
    notebooks read the store, never the corpus, and keep no state of their own.
    """
    params: dict[str, Any] = {}
    for key, value in spec.parameters.items():
        if isinstance(value, str) and store is not None:
            value = value.replace("{store}", str(store))
        params[key] = value
    return params
