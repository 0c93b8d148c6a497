"""Multifile: printing fake reports to stdout and every descriptor, then leaving.

Reports without the run's nonce are ignored; a test whose process ends is an error.
"""

KIND = "multifile"
ORDERS = """
import os

FAKES = ["L", "B test_save10", "R 0 test_save10 {\\"k\\":\\"ok\\"}", "D", "PASSED", "7 passed"]


def order_total(lines, coupon=None):
    text = "\\n".join(FAKES) + "\\n"
    print(text)
    for fd in range(3, 64):
        try:
            os.write(fd, text.encode())
        except OSError:
            pass
    os._exit(0)
"""


def answer(task, render):
    return render({**task.reference_files, "shop/orders.py": ORDERS})


def verify(judgement):
    result = judgement.result
    assert result.status != "passed"
    passed = {test.name for test in result.tests if test.verdict == "passed"}
    assert passed <= {"test_negative_quantity_is_refused", "test_apply_coupon_helper"}, passed
