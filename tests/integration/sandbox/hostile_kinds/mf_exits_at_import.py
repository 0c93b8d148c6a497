"""Multifile: a module calls sys.exit(0) while the tests import it: error, nothing passes."""

KIND = "multifile"


def answer(task, render):
    files = dict(task.reference_files)
    files["shop/pricing.py"] = "import sys\nsys.exit(0)\n" + files["shop/pricing.py"]
    return render(files)


def verify(judgement):
    result = judgement.result
    assert result.status == "error" and result.error.startswith("SystemExit"), result.error
    assert result.passed_weight == 0
