"""Multifile: `order_total` returns an object equal to everything: the asserts see through it."""

KIND = "multifile"
ORDERS = """
class Anything(float):
    def __eq__(self, other):
        return True

    __hash__ = float.__hash__


def order_total(lines, coupon=None):
    return Anything(0)
"""


def answer(task, render):
    return render({**task.reference_files, "shop/orders.py": ORDERS})


def verify(judgement):
    result = judgement.result
    assert result.status == "failed"
    passed = {test.name for test in result.tests if test.verdict == "passed"}
    assert passed == {"test_negative_quantity_is_refused", "test_apply_coupon_helper"}, passed
