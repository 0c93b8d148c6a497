"""Memory bomb: allocate without end; the address-space limit raises MemoryError."""

TASK = {
    "tests": [
        {"input": [1, 2], "expected": 3, "timeout": 5},
        {"input": [-5, 2], "expected": -3, "timeout": 5},
    ]
}
CODE = """
def add(a, b):
    hoard = []
    while True:
        hoard.append(bytearray(50 * 1024 * 1024))
"""


def verify(result):
    assert result.status == "failed"
    assert [test.error_type for test in result.tests] == ["MemoryError", "MemoryError"]
