"""The reference Client (Python transports 0.10.0) as a peer process for interop tests: one JSON command
per line on stdin, one JSON answer per line on stdout. Frames are JSON text. Commands:
  {"recv": TEXT}                        -> {}
  {"edit": id, "mutations": [...]}      -> {"frame": TEXT}   (mutations with plain values, as its API takes them)
  {"document": id}                      -> {"value": V, "pending": n, "state": STATE_TEXT}
Used by core's CrdtHostInteropTest."""
import json
import sys

from transports import Client


def main():
    client = Client()
    for line in sys.stdin:
        cmd = json.loads(line)
        try:
            if "recv" in cmd:
                client.recv(cmd["recv"])
                answer = {}
            elif "edit" in cmd:
                frame = client.edit_crdt(cmd["edit"], cmd["mutations"])
                answer = {"frame": frame if isinstance(frame, str) else frame.decode()}
            elif "document" in cmd:
                mid = cmd["document"]
                answer = {"value": client.value(mid), "pending": client.pending_crdt_ops(mid), "state": client._crdt[mid]._inner.state()}
            else:
                answer = {"error": "unknown command"}
        except Exception as error:
            answer = {"error": "%s: %s" % (type(error).__name__, error)}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
