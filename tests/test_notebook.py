"""``examples/quickstart.ipynb`` runs headlessly, every cell, in a kernel on this interpreter (nbclient); a cell
that raises fails the test with the cell's error."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
NOTEBOOK = EXAMPLES / "quickstart.ipynb"


def _kernel_manager(folder: Path) -> KernelManager:
    """A kernel on ``sys.executable`` (the interpreter running the tests, e.g. the project's .venv), whatever
    ``python3`` kernelspec another Jupyter installation on the machine may register."""
    spec = folder / "kernels" / "quotekit-test"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "quotekit tests", "language": "python"}), encoding="utf-8")
    return KernelManager(kernel_name="quotekit-test",
                         kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(folder / "kernels")]))


@pytest.mark.slow
def test_quickstart_notebook_runs_every_cell(tmp_path):
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    assert len(code_cells) >= 8
    km = _kernel_manager(tmp_path)
    client = NotebookClient(notebook, km=km, timeout=300, allow_errors=False,
                            resources={"metadata": {"path": str(EXAMPLES)}})
    try:
        client.execute(cleanup_kc=True)  # the kernel is shut down after the run (the client does not own km)
    except CellExecutionError as error:  # the failing cell's source and traceback
        pytest.fail(f"a notebook cell failed:\n{error}")
    finally:
        if km.has_kernel:
            km.shutdown_kernel(now=True)
    assert all(c.get("execution_count") for c in code_cells)  # every cell ran
    errors = [o for c in code_cells for o in c.outputs if o.get("output_type") == "error"]
    assert not errors
    images = [o for c in code_cells for o in c.outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 2  # the two plots were drawn
    text = "\n".join(o.get("text", "") for c in code_cells for o in c.outputs if o.get("output_type") == "stream")
    assert "quotes women least" in text and "Source gender" in text and "Quote reuse" in text
