import pyarrow.parquet as pq

from bench.results import attempt_files, list_runs, read_attempts, run_dir
from bench.site._data import SCORE_COLUMNS, load_site_data, read_run_columns


def test_column_reader_equals_read_attempts(xss_site):
    run = list_runs(xss_site.results)[0]
    folder = run_dir(xss_site.results, run)
    fast = read_run_columns(folder, SCORE_COLUMNS)
    full = read_attempts(folder)[list(SCORE_COLUMNS)]
    assert (
        fast.sort_values(["model", "task_id"])
        .reset_index(drop=True)
        .equals(full.sort_values(["model", "task_id"]).reset_index(drop=True))
    )


def test_column_reader_keeps_the_last_row_of_a_key_across_shards(tmp_path, xss_site):
    source = attempt_files(run_dir(xss_site.results, list_runs(xss_site.results)[0]))[0]
    table = pq.read_table(source)
    folder = tmp_path / "runs" / "2026-01-01T0000Z-abcdef"
    folder.mkdir(parents=True)
    pq.write_table(table, folder / "attempts-0.parquet")
    import pyarrow as pa

    index = table.schema.get_field_index("status")
    timeouts = pa.array(["timeout"] * table.num_rows, pa.string())
    changed = table.set_column(index, table.schema.field(index), timeouts)
    pq.write_table(changed, folder / "attempts-1.parquet")
    fast = read_run_columns(folder, ("model", "task_id", "sample", "status"))
    assert len(fast) == table.num_rows and set(fast["status"]) == {"timeout"}
    assert set(read_attempts(folder)["status"]) == {"timeout"}


def test_site_data_selects_latest_runs_and_previous_runs(xss_site):
    data = load_site_data(xss_site.results, xss_site.tasks)
    runs = list_runs(xss_site.results)
    assert data.runs == runs and set(data.current["run_id"]) == {runs[-1]}
    assert set(data.previous["run_id"]) == {runs[-2]}
    assert set(data.previous_run_of.values()) == {runs[-2]}
    assert set(data.details["run_id"]) == {runs[-1], runs[-2]}
    assert len(data.scores) == 3 * len(data.current)
