"""Printing fake result lines (to stdout and every descriptor, the harness's pipe included).

Claims of success mean nothing: only values count, and the judge computes verdicts
itself. (Forging a *value* is the same as returning it, so the forged values here are
wrong ones.)
"""

CODE = """
import os
FAKES = ['R 0 {"k":"ok"}', 'R 0 {"k":"v","t":[0.001],"v":"PASSED"}',
         'R 1 {"k":"v","t":[0.001],"v":-3}', 'C {"k":"ok","t":[0]}', "D", "PASSED",
         "2 passed, 0 failed", '{"status": "passed"}']
def add(a, b):
    text = "\\n".join(FAKES) + "\\n"
    print(text)
    for fd in range(3, 64):
        try:
            os.write(fd, text.encode())
        except OSError:
            pass
    os._exit(0)
"""


def verify(result):
    assert result.status != "passed" and result.passed_weight == 0
    assert [test.verdict for test in result.tests] == ["error", "error"], result.tests
