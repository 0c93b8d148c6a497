"""Writing outside /tmp: the root filesystem is read-only, the user unprivileged."""

TASK = {"tests": [{"input": [], "expected": [], "timeout": 2}], "entry_point": "scribble"}
CODE = """
def scribble():
    written = []
    for path in ("/etc/bench-hostile", "/usr/bench-hostile", "/bench-hostile", "/var/bench-hostile",
                 "/root/bench-hostile", "/home/bench-hostile"):
        try:
            with open(path, "w") as handle:
                handle.write("pwned")
            written.append(path)
        except OSError:
            pass
    return written
"""
HOST_PATHS = ("/etc/bench-hostile", "/usr/bench-hostile", "/bench-hostile", "/var/bench-hostile")


def verify(result):
    import os

    assert result.status == "passed", result.tests[0]
    assert not any(os.path.exists(path) for path in HOST_PATHS)
