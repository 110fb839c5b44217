"""What a saved notebook keeps of a widget, through the real JJava kernel: the display bundle has a
text/html static copy (escaped), the comm_open state carries the values at creation, and after a cell
that changes the model the kernel sends a widget state update with the new values."""
import json

from test_widget_kernel import open_widget


def test_display_bundle_has_an_escaped_html_copy(kernel):
    cell, _ = open_widget(kernel, 'var dh = new Device("<b>lamp</b> & co"); var wh = Widget.of(dh); wh')
    bundle = next(b for b in cell.bundles() if "application/vnd.jupyter.widget-view+json" in b)
    html = bundle["text/html"]
    assert "&lt;b&gt;lamp&lt;/b&gt; &amp; co" in html and "<b>lamp" not in html
    assert "Device" in html and "static copy" in html


def test_state_keeps_the_last_synced_values(kernel):
    _, opened = open_widget(kernel, 'var ds = new Device("first"); var ws = Widget.of(ds); ws')
    cid = opened["content"]["comm_id"]
    saved = opened["content"]["data"]["state"]["saved"]
    assert json.loads(saved["frames"][0])["value"]["Map"]["name"] == {"Str": "first"}
    kernel.execute('ds.name = "second";')
    update = kernel.wait_for(lambda m: m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == cid
                             and m["content"]["data"].get("method") == "update"
                             and "saved" in m["content"]["data"].get("state", {}), what="the saved-values update")
    frame = json.loads(update["content"]["data"]["state"]["saved"]["frames"][0])
    assert frame["value"]["Map"]["name"] == {"Str": "second"}
