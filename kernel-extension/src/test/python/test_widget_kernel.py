"""The widget and comm protocol against the real JJava kernel with the transports extension.

Each test plays the front end by hand (jupyter_client): it opens widgets from cells, checks the
widget protocol 2.1.0 messages, says ready for a view, and sends proposals as anywidget custom
messages, then checks the Java object by running a cell that prints it.
"""
import json
import time

from kernel_harness import WIDGET_VIEW_MIME


def open_widget(kernel, expr: str):
    """Runs a cell whose value is a widget; returns (cell, comm_open message)."""
    cell = kernel.execute(expr)
    opens = [m for m in cell.of_type("comm_open") if m["content"]["target_name"] == "jupyter.widget"]
    assert len(opens) == 1, f"expected one widget comm_open, got {len(opens)}; stderr: {cell.stderr}"
    return cell, opens[0]


def set_op(key, value):
    return {"Set": {"path": [{"Key": key}], "value": value}}


def proposal(model_id, *ops, rev=0):
    return json.dumps({"t": "patch", "id": model_id, "patch": {"rev": rev, "ops": list(ops)}})


def test_widget_comm_open_carries_anywidget_state_and_protocol_version(kernel):
    cell, opened = open_widget(kernel, 'var s1 = new Session(); s1.host(new Device("lamp")); var w1 = Widget.of(s1); w1')
    assert opened["metadata"] == {"version": "2.1.0"}
    data = opened["content"]["data"]
    assert data["buffer_paths"] == []
    state = data["state"]
    assert state["_model_name"] == "AnyModel" and state["_view_name"] == "AnyView"
    assert state["_model_module"] == "anywidget" and state["_view_module"] == "anywidget"
    assert state["_model_module_version"] == "~0.11.*" == state["_view_module_version"]
    assert state["_anywidget_id"] == "io.transports.jupyter.Widget"
    assert state["read_only"] is False
    assert "export" in state["_esm"] and "_css" in state
    bundles = [b for b in cell.bundles() if WIDGET_VIEW_MIME in b]
    assert len(bundles) == 1, cell.bundles()
    assert bundles[0][WIDGET_VIEW_MIME] == {"model_id": opened["content"]["comm_id"], "version_major": 2, "version_minor": 1}
    assert bundles[0]["text/plain"].startswith("Widget(")


def test_display_call_shows_the_widget(kernel):
    cell, opened = open_widget(kernel, 'var w2 = Widget.of(new Device("desk")); display(w2);')
    shown = [m for m in cell.of_type("display_data") if WIDGET_VIEW_MIME in m["content"]["data"]]
    assert shown and shown[0]["content"]["data"][WIDGET_VIEW_MIME]["model_id"] == opened["content"]["comm_id"]


def test_ready_view_gets_a_snapshot_of_every_model(kernel):
    _, opened = open_widget(kernel, 'var s3 = new Session(); var d3 = new Device("a"); s3.host(d3); s3.host(new Meter()); var w3 = Widget.of(s3); w3')
    cid = opened["content"]["comm_id"]
    kernel.custom(cid, {"ready": True, "view": "v"})
    first = kernel.wire(cid, "v", what="first snapshot")
    second = kernel.wire(cid, "v", what="second snapshot")
    assert first["t"] == second["t"] == "snapshot"
    assert {first["id"], second["id"]} == {1, 2}
    dev = first if first["id"] == 1 else second
    assert dev["value"] == {"Map": {"name": {"Str": "a"}, "on": {"Bool": False}}}


def test_proposal_changes_the_java_object_and_echoes_to_every_view(kernel):
    _, opened = open_widget(kernel, 'var d4 = new Device("lamp"); var w4 = Widget.of(d4); w4')
    cid = opened["content"]["comm_id"]
    for v in ("a", "b"):
        kernel.custom(cid, {"ready": True, "view": v})
        assert kernel.wire(cid, v)["t"] == "snapshot"
    kernel.custom(cid, {"wire": proposal(1, set_op("on", {"Bool": True})), "view": "a"})
    for v in ("a", "b"):
        echo = kernel.wire(cid, v, lambda f: f["t"] == "patch", what=f"echo to view {v}")
        assert echo["patch"]["ops"] == [set_op("on", {"Bool": True})]
    assert kernel.execute("System.out.println(d4);").stdout.strip() == "Device[name=lamp, on=true]"


def test_cell_changes_reach_views_when_the_cell_ends_without_a_sync_call(kernel):
    kernel.execute("Jupyter.syncInterval(Duration.ZERO);")  # only the after-cell hook may deliver
    try:
        _, opened = open_widget(kernel, 'var d5 = new Device("fan"); var w5 = Widget.of(d5); w5')
        cid = opened["content"]["comm_id"]
        kernel.custom(cid, {"ready": True, "view": "v"})
        assert kernel.wire(cid, "v")["t"] == "snapshot"
        cell = kernel.execute('d5.name = "ceiling fan";')
        mine = [m for m in cell.of_type("comm_msg") if m["content"]["comm_id"] == cid and m["content"]["data"].get("method") == "custom"]
        assert mine, "the patch should arrive before the cell's reply, parented to the cell"
        patch = json.loads(mine[0]["content"]["data"]["content"]["wire"])
        assert patch["t"] == "patch" and patch["patch"]["ops"] == [set_op("name", {"Str": "ceiling fan"})]
    finally:
        kernel.execute("Jupyter.syncInterval(Duration.ofMillis(100));")


def test_background_thread_changes_reach_views_on_the_sync_interval(kernel):
    _, opened = open_widget(kernel, 'var m6 = new Meter(); var w6 = Widget.of(m6); w6')
    cid = opened["content"]["comm_id"]
    kernel.custom(cid, {"ready": True, "view": "v"})
    assert kernel.wire(cid, "v")["t"] == "snapshot"
    kernel.execute('var t6 = new Thread(() -> { for (int i = 1; i <= 5; i++) { m6.count = i; try { Thread.sleep(30); } catch (InterruptedException e) { return; } } }); t6.start();')
    last = kernel.wire(cid, "v", lambda f: f["t"] == "patch" and set_op("count", {"Int": 5}) in f["patch"]["ops"],
                       timeout=30, what="the thread's last change")
    assert last["id"] == 1


def test_sync_call_delivers_progress_inside_a_long_cell(kernel):
    _, opened = open_widget(kernel, 'var m7 = new Meter(); var w7 = Widget.of(m7); w7')
    cid = opened["content"]["comm_id"]
    kernel.custom(cid, {"ready": True, "view": "v"})
    assert kernel.wire(cid, "v")["t"] == "snapshot"
    kernel.execute("Jupyter.syncInterval(Duration.ZERO);")
    try:
        cell = kernel.execute("for (int i = 1; i <= 3; i++) { m7.count = i; Jupyter.sync(); }")
        counts = [json.loads(m["content"]["data"]["content"]["wire"]) for m in cell.of_type("comm_msg")
                  if m["content"]["comm_id"] == cid and m["content"]["data"].get("method") == "custom"]
        assert [f["patch"]["ops"] for f in counts] == [[set_op("count", {"Int": i})] for i in (1, 2, 3)]
    finally:
        kernel.execute("Jupyter.syncInterval(Duration.ofMillis(100));")


def test_bad_proposals_are_rejected_to_the_proposer_and_the_kernel_carries_on(kernel):
    _, opened = open_widget(kernel, 'var d8 = new Device("lamp"); var w8 = Widget.of(d8); w8')
    cid = opened["content"]["comm_id"]
    for v in ("bad", "other"):
        kernel.custom(cid, {"ready": True, "view": v})
        assert kernel.wire(cid, v)["t"] == "snapshot"
    cases = [
        "not json at all",
        json.dumps({"t": "patch", "id": 1}),
        proposal(1, set_op("on", {"Str": "yes"})),          # the type cannot hold it
        proposal(1, {"Frobnicate": {"path": []}}),           # unknown op
        proposal(99, set_op("on", {"Bool": True})),          # no such model
    ]
    for wire in cases:
        kernel.custom(cid, {"wire": wire, "view": "bad"})
        rej = kernel.wire(cid, "bad", lambda f: f["t"] == "reject", what=f"a reject for {wire!r}")
        assert rej["error"], rej
    kernel.custom(cid, {"wire": 42, "view": "bad"})  # wire is not text
    assert kernel.wire(cid, "bad", lambda f: f["t"] == "reject")["error"]
    kernel.drain()
    assert not [m for m in kernel.backlog if m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == cid
                and m["content"]["data"]["content"].get("view") == "other"
                and "wire" in m["content"]["data"]["content"]  # schema messages carry no frame
                and json.loads(m["content"]["data"]["content"]["wire"])["t"] == "reject"], "rejects go to the proposer only"
    assert kernel.execute("System.out.println(d8);").stdout.strip() == "Device[name=lamp, on=false]"
    kernel.custom(cid, {"wire": proposal(1, set_op("on", {"Bool": True})), "view": "other"})
    assert kernel.wire(cid, "other", lambda f: f["t"] == "patch")["patch"]["ops"] == [set_op("on", {"Bool": True})]
    assert kernel.execute("System.out.println(d8);").stdout.strip() == "Device[name=lamp, on=true]"


def test_read_only_widget_refuses_edits_with_a_reason(kernel):
    _, opened = open_widget(kernel, 'var d9 = new Device("lamp"); var w9 = Widget.readOnly(d9); w9')
    assert opened["content"]["data"]["state"]["read_only"] is True
    cid = opened["content"]["comm_id"]
    kernel.custom(cid, {"ready": True, "view": "v"})
    assert kernel.wire(cid, "v")["t"] == "snapshot"
    kernel.custom(cid, {"wire": proposal(1, set_op("on", {"Bool": True})), "view": "v"})
    rej = kernel.wire(cid, "v", lambda f: f["t"] == "reject")
    assert "read-only" in rej["error"]
    assert kernel.execute("System.out.println(d9);").stdout.strip() == "Device[name=lamp, on=false]"


def test_control_comm_lists_live_widgets_and_request_state_answers_its_request(kernel):
    _, opened = open_widget(kernel, 'var w10 = Widget.of(new Device("x")); w10')
    cid = opened["content"]["comm_id"]
    ctl = kernel.comm_open("jupyter.widget.control", {}, {"version": "1.0.0"})
    req = kernel.comm_msg(ctl, {"method": "request_states"})
    reply = kernel.wait_for(lambda m: m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == ctl, what="update_states")
    data = reply["content"]["data"]
    assert data["method"] == "update_states" and data["buffer_paths"] == []
    assert reply["parent_header"]["msg_id"] == req
    entry = data["states"][cid]
    assert entry["model_name"] == "AnyModel" and entry["model_module"] == "anywidget"
    assert entry["model_module_version"] == "~0.11.*"
    assert entry["state"]["_esm"] == opened["content"]["data"]["state"]["_esm"]
    req = kernel.comm_msg(cid, {"method": "request_state"})
    upd = kernel.wait_for(lambda m: m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == cid
                          and m["content"]["data"].get("method") == "update", what="update")
    assert upd["parent_header"]["msg_id"] == req
    assert upd["content"]["data"]["state"]["_model_name"] == "AnyModel"


def test_raw_transports_comm_serves_a_server(kernel):
    kernel.execute('var s11 = new Session(); var d11 = new Device("raw"); s11.host(d11); Jupyter.serve(new Server(s11));')
    cid = kernel.comm_open("transports", {})
    snap = kernel.wait_for(lambda m: m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == cid, what="raw snapshot")
    assert snap["content"]["data"]["t"] == "snapshot"
    assert snap["content"]["data"]["value"] == {"Map": {"name": {"Str": "raw"}, "on": {"Bool": False}}}
    kernel.comm_msg(cid, json.loads(proposal(1, set_op("on", {"Bool": True}))))
    echo = kernel.wait_for(lambda m: m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == cid, what="raw echo")
    assert echo["content"]["data"]["t"] == "patch"
    assert kernel.execute("System.out.println(d11);").stdout.strip() == "Device[name=raw, on=true]"


def test_proposals_per_second_reaching_the_java_object(kernel):
    """Measures, does not assert: how fast proposals sent back to back reach the Java object."""
    _, opened = open_widget(kernel, 'var m12 = new Meter(); var w12 = Widget.of(m12); w12')
    cid = opened["content"]["comm_id"]
    kernel.custom(cid, {"ready": True, "view": "v"})
    assert kernel.wire(cid, "v")["t"] == "snapshot"
    n = 300
    start = time.monotonic()
    for i in range(1, n + 1):
        kernel.custom(cid, {"wire": proposal(1, set_op("count", {"Int": i})), "view": "v"})
    kernel.wire(cid, "v", lambda f: f["t"] == "patch" and set_op("count", {"Int": n}) in f["patch"]["ops"],
                timeout=120, what="the last echo")
    elapsed = time.monotonic() - start
    assert kernel.execute("System.out.println(m12.count);").stdout.strip() == str(n)
    print(f"\nPROPOSALS: {n} proposals reached the Java object in {elapsed:.2f}s = {n / elapsed:.0f}/s")
    # latency of one proposal (send -> echo), median of 20
    lat = []
    for i in range(20):
        t = time.monotonic()
        kernel.custom(cid, {"wire": proposal(1, set_op("count", {"Int": 1000 + i})), "view": "v"})
        kernel.wire(cid, "v", lambda f: f["t"] == "patch" and set_op("count", {"Int": 1000 + i}) in f["patch"]["ops"])
        lat.append(time.monotonic() - t)
    lat.sort()
    print(f"PROPOSAL ROUND TRIP: median {lat[len(lat) // 2] * 1000:.1f} ms over {len(lat)}")
