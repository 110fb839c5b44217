"""Binary frames through the real JJava kernel: a view that asks for MessagePack in its ready message
gets its snapshot as the comm message's one buffer ({"codec": "msgpack", "view": id}); a view that
does not still gets JSON text; a patch goes out once per codec."""
import json

from test_widget_kernel import open_widget


def custom_msgs(kernel, cid, pred, what):
    return kernel.wait_for(lambda m: m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == cid
                           and m["content"]["data"].get("method") == "custom"
                           and pred(m["content"]["data"]["content"]), what=what)


def test_a_msgpack_view_gets_buffers_and_a_json_view_text(kernel):
    _, opened = open_widget(kernel, 'var dm = new Device("lamp"); var wm = Widget.of(dm); wm')
    cid = opened["content"]["comm_id"]
    kernel.custom(cid, {"ready": True, "view": "bin", "codec": "msgpack"})
    snap = custom_msgs(kernel, cid, lambda c: c.get("view") == "bin" and "schema" not in c, "the binary snapshot")
    assert snap["content"]["data"]["content"] == {"codec": "msgpack", "view": "bin"}
    assert len(snap["buffers"]) == 1
    body = bytes(snap["buffers"][0])
    assert body[0] & 0xf0 == 0x80 and b"snapshot" in body and b"lamp" in body  # a MessagePack map
    kernel.custom(cid, {"ready": True, "view": "text"})
    text = custom_msgs(kernel, cid, lambda c: c.get("view") == "text" and "wire" in c, "the JSON snapshot")
    assert json.loads(text["content"]["data"]["content"]["wire"])["t"] == "snapshot" and not text["buffers"]
    cell = kernel.execute('dm.on = true;')
    mine = [m for m in cell.of_type("comm_msg") if m["content"]["comm_id"] == cid and m["content"]["data"].get("method") == "custom"]
    kinds = sorted("codec" if "codec" in m["content"]["data"]["content"] else "wire" for m in mine)
    assert kinds == ["codec", "wire"], [m["content"]["data"]["content"] for m in mine]
    for m in mine:
        assert "view" not in m["content"]["data"]["content"]
        if "codec" in m["content"]["data"]["content"]:
            assert b"patch" in bytes(m["buffers"][0])
