"""Imported by the process pool's fork server, so that every worker forks with warm packs.

Compiling the language packs and loading the detectors costs seconds of CPU; paid once here,
the workers share the result (copy-on-write) instead of paying it each. The fork server (and
through it every worker) dies with the update that started it, even a SIGKILLed one.
"""

from dprkwatch.store.executors import die_with_parent
from dprkwatch.store.work import warm_up

die_with_parent()
warm_up()
