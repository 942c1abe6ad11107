"""The suite's processes run each numeric library on one thread (tests/conftest.py, decision
0048): the parallel workers already fill the cores. Checked where it applies: in this worker,
for the libraries it has loaded, and in what a process it starts would inherit."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from ..conftest import ONE_THREAD


@pytest.fixture(autouse=True)
def _not_with_the_benchmarks(pytestconfig: pytest.Config) -> None:
    if pytestconfig.getoption("--bench"):
        pytest.skip("with --bench the suite keeps a deployment's threads, for the benchmarks")


def test_every_loaded_thread_pool_in_this_worker_has_one_thread() -> None:
    import numpy  # noqa: F401 - loads OpenBLAS
    import sklearn.linear_model  # noqa: F401 - loads OpenMP
    from threadpoolctl import threadpool_info

    pools = {(pool["internal_api"], int(pool["num_threads"])) for pool in threadpool_info()}
    assert {api for api, _ in pools} >= {"openblas", "openmp"}
    assert {threads for _, threads in pools} == {1}


def test_a_process_the_suite_starts_loads_its_libraries_on_one_thread() -> None:
    assert {name: os.environ.get(name) for name in ONE_THREAD} == ONE_THREAD
    started = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", "import numpy, threadpoolctl; print(sorted({int(p['num_threads'])"
         " for p in threadpoolctl.threadpool_info()}))"],
        capture_output=True, text=True, check=True)
    assert started.stdout.strip() == "[1]"
