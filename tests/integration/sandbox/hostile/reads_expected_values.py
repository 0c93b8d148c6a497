"""Hunting for the expected value (other processes' memory and files, pipes, /tmp): not there."""

TASK = {
    "tests": [{"input": [], "expected": "EXPECTED-7f3a9c-MARKER", "timeout": 5}],
    "entry_point": "steal",
}
CODE = """
import gc, os
MARK = ("EXPECTED-" + "7f3a9c").encode()  # built at run time: the source does not hold it
def _find(data):
    at = data.find(MARK)
    return data[at:at + 22].decode(errors="replace") if at >= 0 else None
def _read(path, size=64 << 20):
    try:
        with open(path, "rb") as handle:
            return handle.read(size)
    except OSError:
        return b""
def _memory(pid):
    found = None
    try:
        with open(f"/proc/{pid}/maps") as maps, open(f"/proc/{pid}/mem", "rb") as mem:
            for line in maps:
                span, perms = line.split()[:2]
                start, end = (int(x, 16) for x in span.split("-"))
                if "r" in perms and end - start < (256 << 20):
                    try:
                        mem.seek(start)
                        found = found or _find(mem.read(end - start))
                    except OSError:
                        pass
    except OSError:
        pass
    return found
def steal():
    me = os.getpid()
    for obj in gc.get_objects():
        if isinstance(obj, str) and MARK.decode() in obj:
            return obj
    for pid in [int(n) for n in os.listdir("/proc") if n.isdigit() and int(n) != me]:
        for name in ("environ", "cmdline"):
            found = _find(_read(f"/proc/{pid}/{name}"))
            if found:
                return found
        found = _memory(pid)
        if found:
            return found
    for root in ("/tmp", "/dev/shm", "/run", "/var/tmp"):
        for folder, _dirs, files in os.walk(root):
            for name in files:
                found = _find(_read(os.path.join(folder, name)))
                if found:
                    return found
    return "not found"
"""


def verify(result):
    assert result.status == "failed", result.tests[0]
    assert result.tests[0].actual == "'not found'"
