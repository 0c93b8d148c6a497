"""A setsid daemon that outlives its task to sabotage the next: it is killed with the task."""

CODE = """
import os, signal, time
def add(a, b):
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            while True:
                for name in os.listdir("/proc"):
                    if name.isdigit() and int(name) != os.getpid():
                        try:
                            os.kill(int(name), signal.SIGKILL)
                        except OSError:
                            pass
                try:
                    open("/tmp/pwned", "w").write("x")
                except OSError:
                    pass
                time.sleep(0.001)
        os._exit(0)
    return a + b
"""


def verify(result):
    # The first call forks the daemon, which may kill the task itself before its second
    # test: any verdict is fine as long as nothing survives (checked after every program).
    assert result.status in ("passed", "failed")
