import subprocess
import sys

from click.testing import CliRunner

from bench.cli._site import site_group


def test_build_command(xss_site, tmp_path):
    out = tmp_path / "site"
    result = CliRunner().invoke(
        site_group,
        ["build", "--results-dir", str(xss_site.results), "--tasks-dir", str(xss_site.tasks),
         "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "built" in result.output and "5 models" in result.output
    assert (out / "index.html").is_file()


def test_build_refuses_a_foreign_folder_in_one_line(xss_site, tmp_path):
    (tmp_path / "notes.txt").write_text("keep me")
    result = CliRunner().invoke(
        site_group, ["build", "--results-dir", str(xss_site.results), "--out", str(tmp_path)]
    )
    assert result.exit_code == 1
    assert (
        result.output.count("\n") == 1
        and "error:" in result.output
        and "Traceback" not in result.output
    )
    assert (tmp_path / "notes.txt").exists()


def test_serve_without_a_site_explains(tmp_path):
    result = CliRunner().invoke(site_group, ["serve", "--out", str(tmp_path), "--port", "0"])
    assert result.exit_code == 1 and "bench site build" in result.output


def test_help_lists_both_commands():
    result = CliRunner().invoke(site_group, ["--help"])
    assert result.exit_code == 0 and "build" in result.output and "serve" in result.output


def test_build_in_a_real_process(xss_site, tmp_path):
    """The command group run as a program, as `bench site build` runs it."""
    out = tmp_path / "site"
    code = "from bench.cli._site import site_group; site_group()"
    completed = subprocess.run(
        [sys.executable, "-c", code, "build", "--results-dir", str(xss_site.results),
         "--tasks-dir", str(xss_site.tasks), "--out", str(out)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    assert (out / "index.html").is_file() and (out / "charts.html").is_file()
