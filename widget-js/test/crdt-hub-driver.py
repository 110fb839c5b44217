"""A reference Hub (transports 0.10.0) sharing one CRDT text model, driven over stdin/stdout (one
JSON command per line, one JSON answer per line) by test/crdt-interop.test.mjs, with a reference
Client ("py") connected to it in-process. Frames between the hub and the TypeScript client pass
through the test as they would over a socket."""

import json
import sys

from transports import WRITE, Client, CrdtSpec, Hub

hub = Hub(key=lambda conn: conn[0])
sid = hub.share({"Str": "base"}, "Note", crdt_spec=CrdtSpec({"kind": "sequence", "materialization": "string"}))
py = Client()


def deliver(out):
    """Feeds the py client its frames; returns the frames for the TypeScript connections."""
    for frame in out.get(("py", 1), []):
        py.recv(frame)
    return [frame for conn, frames in out.items() if conn[0] == "ts" for frame in frames]


for line in sys.stdin:
    cmd = json.loads(line)
    answer = {}
    if cmd["cmd"] == "open":
        hub.subscribe(cmd["who"], sid, WRITE)
        frames = hub.open((cmd["who"], 1))
        if cmd["who"] == "py":
            for frame in frames:
                py.recv(frame)
        answer = {"sid": sid, "frames": [f for f in frames if cmd["who"] == "ts"]}
    elif cmd["cmd"] == "from_ts":
        answer = {"frames": deliver(hub.recv(("ts", 1), cmd["frame"]))}
    elif cmd["cmd"] == "py_edit":
        frame = py.edit_crdt(sid, cmd["mutations"])
        answer = {"frames": deliver(hub.recv(("py", 1), frame))}
    elif cmd["cmd"] == "look":
        shared = hub._shared[sid]
        answer = {"hub": shared.value, "py": py.value(sid), "state": shared.crdt._inner.state(), "py_pending": py.pending_crdt_ops(sid)}
    print(json.dumps(answer), flush=True)
