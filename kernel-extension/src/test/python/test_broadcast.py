"""One broadcast for all views, against the real JJava kernel: with three views of one widget, each
patch is one comm message without a view id (every view applies it), snapshots and rejects go to
their view alone, and the count of what the views receive grows with N, not N squared."""
import json

from test_widget_kernel import open_widget, proposal, set_op

VIEWS = ("a", "b", "c")


def frames_of(cell, cid):
    return [m["content"]["data"]["content"] for m in cell.of_type("comm_msg")
            if m["content"]["comm_id"] == cid and "wire" in m["content"]["data"].get("content", {})]


def test_three_views_get_each_patch_in_one_message(kernel):
    _, opened = open_widget(kernel, 'var db = new Device("lamp"); var wb = Widget.of(db); wb')
    cid = opened["content"]["comm_id"]
    for v in VIEWS:
        kernel.custom(cid, {"ready": True, "view": v})
        snap = kernel.wait_custom(cid, lambda c: "wire" in c, what=f"the snapshot for {v}")
        assert snap["view"] == v and json.loads(snap["wire"])["t"] == "snapshot"
    kernel.execute("Jupyter.syncInterval(Duration.ZERO);")
    try:
        cell = kernel.execute('for (int i = 0; i < 5; i++) { db.name = "n" + i; Jupyter.sync(); }')
        sent = frames_of(cell, cid)
        assert [json.loads(c["wire"])["patch"]["ops"] for c in sent] == [[set_op("name", {"Str": f"n{i}"})] for i in range(5)]
        assert all("view" not in c for c in sent), sent
        # every message reaches all three views: 5 x 3 = 15 deliveries (one copy per view made it 45)
        print(f"views={len(VIEWS)} patches=5 messages={len(sent)} deliveries={len(sent) * len(VIEWS)}")
    finally:
        kernel.execute("Jupyter.syncInterval(Duration.ofMillis(100));")


def test_an_echo_is_one_message_and_a_reject_is_addressed(kernel):
    _, opened = open_widget(kernel, 'var de = new Device("desk"); var we = Widget.of(de); we')
    cid = opened["content"]["comm_id"]
    for v in VIEWS:
        kernel.custom(cid, {"ready": True, "view": v})
        kernel.wait_custom(cid, lambda c, v=v: c.get("view") == v and "wire" in c, what=f"the snapshot for {v}")
    kernel.custom(cid, {"wire": proposal(1, set_op("on", {"Bool": True})), "view": "b"})
    echo = kernel.wait_custom(cid, lambda c: "wire" in c, what="the echo")
    assert "view" not in echo and json.loads(echo["wire"])["t"] == "patch"
    kernel.custom(cid, {"wire": proposal(1, set_op("on", {"Str": "yes"}), rev=1), "view": "c"})
    snap = kernel.wait_custom(cid, lambda c: "wire" in c, what="the revert snapshot")
    rej = kernel.wait_custom(cid, lambda c: "wire" in c, what="the reject")
    assert snap["view"] == "c" and json.loads(snap["wire"])["t"] == "snapshot"
    assert rej["view"] == "c" and json.loads(rej["wire"])["t"] == "reject"
    kernel.drain()
    extra = [m for m in kernel.backlog if m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == cid
             and "wire" in m["content"]["data"].get("content", {})]
    assert extra == [], "no copies for the other views"
