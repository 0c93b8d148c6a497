"""Multifile: at import, write outside the project (system folders, the scratch's parent)."""

KIND = "multifile"
PRICING_PREFIX = """
import os

for _path in ("/etc/bench-hostile-mf", "/usr/bench-hostile-mf", "/bench-hostile-mf",
              "/root/bench-hostile-mf", os.path.join(os.getcwd(), "..", "bench-hostile-mf")):
    try:
        with open(_path, "w") as _handle:
            _handle.write("pwned")
    except OSError:
        pass
"""
HOST_PATHS = (
    "/etc/bench-hostile-mf",
    "/usr/bench-hostile-mf",
    "/bench-hostile-mf",
    "/root/bench-hostile-mf",
)


def answer(task, render):
    files = dict(task.reference_files)
    files["shop/pricing.py"] = PRICING_PREFIX + files["shop/pricing.py"]
    return render(files)


def verify(judgement):
    import os

    assert judgement.result.status == "passed", judgement.result
    assert not any(os.path.exists(path) for path in HOST_PATHS)
