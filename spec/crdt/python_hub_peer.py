"""The reference Hub (Python transports 0.10.0) as a peer process for interop tests: one JSON command
per line on stdin, one JSON answer per line on stdout. Connections are [tenant, n] pairs; frames are
JSON text. Commands:
  {"share": SPEC_DICT, "value": TAGGED_VALUE, "type": NAME}      -> {"sid": id}
  {"subscribe": TENANT, "sid": id, "write": bool}               -> {}
  {"open": [TENANT, n]}                                         -> {"frames": [...]}
  {"recv": [TENANT, n], "frame": TEXT}                          -> {"out": [[[TENANT, n], [frames...]], ...]}
  {"mutate": id, "mutations": [...]}                            -> {"out": ...} (host edit, then flush)
  {"document": id}                                              -> {"value": TAGGED, "state": STATE_TEXT, "rev": n}
Used by core's PythonHubInteropTest."""
import json
import sys

from transports import WRITE, READ, CrdtSpec, Hub


def main():
    hub = Hub(key=lambda conn: conn[0])
    for line in sys.stdin:
        cmd = json.loads(line)
        try:
            if "share" in cmd:
                answer = {"sid": hub.share(cmd["value"], cmd["type"], crdt_spec=CrdtSpec.from_dict(cmd["share"]))}
            elif "subscribe" in cmd:
                hub.subscribe(cmd["subscribe"], cmd["sid"], WRITE if cmd.get("write", True) else READ)
                answer = {}
            elif "open" in cmd:
                answer = {"frames": [f if isinstance(f, str) else f.decode() for f in hub.open(tuple(cmd["open"]))]}
            elif "recv" in cmd:
                out = hub.recv(tuple(cmd["recv"]), cmd["frame"])
                answer = {"out": [[list(conn), list(frames)] for conn, frames in out.items()]}
            elif "mutate" in cmd:
                hub.mutate_shared_crdt(cmd["mutate"], cmd["mutations"])
                answer = {"out": [[list(conn), list(frames)] for conn, frames in hub.flush().items()]}
            elif "document" in cmd:
                shared = hub._shared[cmd["document"]]
                answer = {"value": shared.value, "state": shared.crdt._inner.state(), "rev": shared.rev}
            else:
                answer = {"error": "unknown command"}
        except Exception as error:  # reported to the test, which decides
            answer = {"error": "%s: %s" % (type(error).__name__, error)}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
