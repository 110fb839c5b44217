"""The notebook lines the README, docs/jupyter.md and the Widget Javadoc show, run exactly as written
in the real kernel: each must display the widget under its cell (issue 7, item 9), and a later bare
`view` must show another view of it. The code is read from the documents themselves, so a doc edit
that breaks its own example fails here.
"""
import re
from pathlib import Path

from kernel_harness import WIDGET_VIEW_MIME

ROOT = Path(__file__).resolve().parents[4]


def java_blocks(markdown: str) -> list[str]:
    return re.findall(r"```java\n(.*?)```", markdown, re.S)


def block_with(path: Path, needle: str) -> str:
    blocks = [b for b in java_blocks(path.read_text()) if needle in b]
    assert blocks, f"no java block with {needle!r} in {path}"
    return blocks[0]


def javadoc_example() -> list[str]:
    """The Widget class Javadoc's example, one string per line (comment stars removed)."""
    src = (ROOT / "kernel-extension/src/main/java/io/transports/jupyter/Widget.java").read_text()
    pre = re.search(r"<pre>\{@code\n(.*?)\}</pre>", src, re.S).group(1)
    return [re.sub(r"^\s*\* ?", "", line) for line in pre.splitlines()]


def widget_comm_ids(cell) -> list[str]:
    return [m["content"]["comm_id"] for m in cell.of_type("comm_open") if m["content"]["target_name"] == "jupyter.widget"]


def shown(cell, msg_type: str) -> list[str]:
    return [m["content"]["data"][WIDGET_VIEW_MIME]["model_id"] for m in cell.of_type(msg_type)
            if WIDGET_VIEW_MIME in m["content"]["data"]]


def assert_displayed_once(cell) -> str:
    ids = widget_comm_ids(cell)
    assert len(ids) == 1, f"one widget expected; stderr: {cell.stderr}"
    views = shown(cell, "display_data") + shown(cell, "execute_result")
    assert views == ids, f"the widget must be shown exactly once under its cell, got {views} for {ids}; stderr: {cell.stderr}"
    return ids[0]


def test_readme_widget_line(kernel):
    kernel.execute(block_with(ROOT / "README.md", "var server = new Server(session);"))
    code = block_with(ROOT / "README.md", "Widget.of(server)")
    assert "var view = Widget.of(server);" in code
    cell = kernel.execute(code)
    model = assert_displayed_once(cell)
    assert shown(cell, "display_data") == [model], "a declaration has no value: the widget comes as display_data"
    again = kernel.execute("view")
    assert shown(again, "execute_result") == [model], "a bare view shows another view of the same widget"
    assert not widget_comm_ids(again)


def test_jupyter_md_widget_lines(kernel):
    code = block_with(ROOT / "docs/jupyter.md", "Widget.of(session)")
    cell = kernel.execute(code)
    assert_displayed_once(cell)


def test_widget_javadoc_example(kernel):
    lines = javadoc_example()
    first = "\n".join(l for l in lines if "later cell" not in l)
    later = "\n".join(l for l in lines if "later cell" in l)
    assert "Widget.of(session)" in first and later.strip()
    cell = kernel.execute(first)
    cid = assert_displayed_once(cell)
    kernel.custom(cid, {"ready": True, "view": "javadoc"})
    assert kernel.wire(cid, "javadoc", lambda f: f["t"] == "snapshot")["value"]["Map"]["on"] == {"Bool": False}
    kernel.execute(later)
    patch = kernel.wire(cid, "javadoc", lambda f: f["t"] == "patch", what="the later cell's change")
    assert patch["patch"]["ops"][0]["Set"]["value"] == {"Bool": True}


def test_quickstart_cell_with_view_on_its_own_line_shows_one_view(kernel):
    cell = kernel.execute("var view = Widget.of(new Device(\"q\"));\nview")
    model = assert_displayed_once(cell)
    assert shown(cell, "execute_result") == [model]


def test_two_widgets_in_one_cell_are_both_shown(kernel):
    cell = kernel.execute('var wa = Widget.of(new Device("a"));\nvar wb = Widget.of(new Device("b"));\nwa')
    ids = widget_comm_ids(cell)
    assert len(ids) == 2
    assert sorted(shown(cell, "display_data") + shown(cell, "execute_result")) == sorted(ids)


def test_display_call_is_not_doubled(kernel):
    cell = kernel.execute('var wd = Widget.of(new Device("d"));\ndisplay(wd);\nSystem.out.println("done");')
    assert_displayed_once(cell)


def test_jupyter_md_constraints_example(kernel):
    """docs/jupyter.md's Bean Validation example runs as written (the API comes with the extension jar),
    shows its widget, and a proposal past @Max is refused with the path and the message."""
    code = block_with(ROOT / "docs/jupyter.md", "@Max(100)")
    cell = kernel.execute(code)
    cid = assert_displayed_once(cell)
    kernel.custom(cid, {"ready": True, "view": "c"})
    schema = kernel.wait_custom(cid, lambda c: c.get("view") == "c" and "schema" in c, what="the schema")["schema"]["1"]
    assert schema["properties"]["speed"]["maximum"] == 100
    assert schema["properties"]["label"]["x-not-blank"] is True
    kernel.wire(cid, "c", lambda f: f["t"] == "snapshot")
    wire = '{"t":"patch","id":1,"patch":{"rev":0,"ops":[{"Set":{"path":[{"Key":"speed"}],"value":{"Int":101}}}]}}'
    kernel.custom(cid, {"wire": wire, "view": "c"})
    assert kernel.wire(cid, "c", lambda f: f["t"] == "reject")["error"] == "at speed: must be less than or equal to 100"
