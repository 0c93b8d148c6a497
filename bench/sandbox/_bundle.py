"""Packing the harness for the sandbox: its sources, and the boot line that loads them.

The harness travels as source through the supervisor's stdin when a container starts,
so nothing of it lies on a disk the candidate could write, and a harness change needs
no new image. The supervisor compiles it with the container's own Python.
"""

from __future__ import annotations

import functools
import marshal
from importlib import resources

from bench.sandbox._harness import children

HARNESS_MODULES = (
    "wire",
    "child",
    "project",
    "zygote",
    "children",
    "asserts",
    "supervisor",
    "projects",
    "container",
)
"""Modules sent into a container, in load order."""

CONTAINER_BOOT = """\
import sys,os,marshal,types
def rd(n):
    b=b''
    while len(b)<n:
        c=os.read(0,n-len(b))
        if not c:os._exit(0)
        b+=c
    return b
cfg,src=marshal.loads(rd(int.from_bytes(rd(4),'big')))
p=types.ModuleType('_bench_harness');p.__path__=[];sys.modules['_bench_harness']=p
for n in cfg['modules']:
    x=types.ModuleType('_bench_harness.'+n);x.__package__='_bench_harness'
    sys.modules[x.__name__]=x;setattr(p,n,x)
    exec(compile(src[n],'<harness '+n+'>','exec'),x.__dict__)
del n,x
sys.modules['_bench_harness.container'].main(cfg,src)
"""
"""The `python3 -c` program a container starts with: it loads the harness from stdin."""


@functools.cache
def harness_sources() -> dict[str, str]:
    """The source text of every harness module, by short name."""
    package = resources.files("bench.sandbox._harness")
    return {name: (package / f"{name}.py").read_text(encoding="utf-8") for name in HARNESS_MODULES}


def container_bootstrap(config: dict[str, object]) -> bytes:
    """The first frame a container reads: its configuration and the harness sources."""
    payload = ({**config, "modules": list(HARNESS_MODULES)}, harness_sources())
    return children.frame(marshal.dumps(payload, 4))


@functools.cache
def local_child_bundle() -> bytes:
    """The template's modules compiled by this interpreter, for the process executor."""
    return children.compile_bundle(harness_sources())
