"""Imported by the process pool's fork server, so that every worker forks with warm packs.

Compiling the language packs and loading the detectors costs seconds of CPU; paid once here,
the workers share the result (copy-on-write) instead of paying it each.
"""

from dprkwatch.store.work import warm_up

warm_up()
