"""The example notebooks, executed headlessly with nbclient on the real "Java (transports)" kernel.

Their outputs are checked cell by cell: the quickstart must print what the seed quickstart prints
(same wire messages), and the widget cells must produce a widget view of an anywidget model.
"""
import json
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from kernel_harness import ROOT, WIDGET_VIEW_MIME, kernel_name

NOTEBOOKS = ROOT / "notebooks"


def execute(name: str, tmp_path: Path):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    with open(tmp_path / "kernel.log", "wb") as log:  # the kernel's own log lines, kept out of the test output
        NotebookClient(nb, kernel_name=kernel_name(), timeout=180, startup_timeout=120,
                       resources={"metadata": {"path": str(tmp_path)}}).execute(stdout=log, stderr=log)
    return [c for c in nb.cells if c.cell_type == "code"], nb


def text(cell) -> str:
    """What a cell showed as text: its streams, then its result."""
    parts = []
    for o in cell.outputs:
        if o.output_type == "stream":
            parts.append(o.text)
        elif o.output_type in ("execute_result", "display_data") and "text/plain" in o.data:
            parts.append(o.data["text/plain"])
        elif o.output_type == "error":
            raise AssertionError(f"cell failed: {cell.source}\n{o.ename}: {o.evalue}")
    return "".join(parts).strip()


def widget_model_ids(cell) -> list[str]:
    return [o.data[WIDGET_VIEW_MIME]["model_id"] for o in cell.outputs
            if o.output_type in ("execute_result", "display_data") and WIDGET_VIEW_MIME in o.get("data", {})]


def assert_anywidget_state(nb, model_id: str):
    state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"][model_id]
    assert state["model_name"] == "AnyModel" and state["model_module"] == "anywidget"
    assert "_esm" in state["state"]


def test_quickstart_notebook_prints_what_the_seed_quickstart_prints(tmp_path):
    cells, nb = execute("quickstart.ipynb", tmp_path)
    outputs = [text(c) for c in cells]
    assert outputs[1] == "1"
    assert outputs[2] == '[(1, {"rev":1,"ops":[{"Set":{"path":[{"Key":"on"}],"value":{"Bool":true}}}]})]'
    assert outputs[3] == "name=lamp, on=true"
    assert outputs[4] == "name=desk lamp, on=true"
    assert outputs[5] == "false\nname=desk lamp, on=false"
    ids = widget_model_ids(cells[6])
    assert len(ids) == 1 and outputs[6].startswith("Widget(")
    assert_anywidget_state(nb, ids[0])
    assert outputs[-1] == "name=reading lamp, on=true"


def test_rich_notebook_shows_nested_objects_records_enums_and_numbers(tmp_path):
    cells, nb = execute("rich.ipynb", tmp_path)
    first = json.loads(text(cells[1]))["Map"]
    assert first["mode"] == {"Str": "ECO"}
    assert first["target"] == {"Float": 21.5} and first["fanSpeed"] == {"Int": 2}
    assert first["location"] == {"Map": {"building": {"Str": "HQ"}, "floor": {"Int": 3}}}
    assert first["readings"]["List"][0] == {"Map": {"celsius": {"Float": 20.5}, "sensor": {"Str": "north"}}}
    ids = widget_model_ids(cells[2])
    assert len(ids) == 1
    assert_anywidget_state(nb, ids[0])
    last = json.loads(text(cells[5]))["Map"]
    assert last["mode"] == {"Str": "BOOST"} and last["target"] == {"Float": 23.0}
    assert last["location"]["Map"]["floor"] == {"Int": 4}
    assert last["uptimeSeconds"] == {"Int": 86400 * 365}
    assert [r["Map"]["sensor"]["Str"] for r in last["readings"]["List"]] == ["south", "east"]
    assert text(cells[6]).startswith("BOOST 23.0 4 [Reading[sensor=south")
    # the kinds the schema-driven form shows, as they travel
    assert first["comfort"] == {"Map": {"high": {"Float": 23.0}, "low": {"Float": 19.0}}}
    assert first["schedule"] == {"Map": {"06:30": {"Float": 21.0}}}
    assert first["note"] == "Null" and first["serviced"] == {"Str": "2026-03-01"}
    assert first["tariff"] == {"Float": 0.28} and first["offset"] == {"Float": 0.5}
    # a proposal past @Max is refused with the path and the constraint's message (Bean Validation is in the extension jar)
    assert text(cells[7]) == "at humidity: must be less than or equal to 100"
