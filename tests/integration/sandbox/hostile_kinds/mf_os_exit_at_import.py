"""Multifile: os._exit(0) at import ends the process before any test: error, not a pass."""

KIND = "multifile"


def answer(task, render):
    files = dict(task.reference_files)
    files["shop/orders.py"] = "import os\nos._exit(0)\n" + files["shop/orders.py"]
    return render(files)


def verify(judgement):
    result = judgement.result
    assert result.status == "error" and "ProcessExit" in result.error, result.error
    assert result.passed_weight == 0
