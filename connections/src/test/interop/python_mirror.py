"""Interop, Python side as mirror: the `transports` package's Client over a WebSocket (the websockets
package) mirrors a Java server in CODEC, proposes name := NEW_NAME, and waits for the authoritative echo.
Usage: python python_mirror.py WS_URL CODEC NEW_NAME. Exit code 0 when the echo arrived."""

import json
import sys

import transports
from websockets.sync.client import connect

url, codec, new_name = sys.argv[1], sys.argv[2], sys.argv[3]
client = transports.Client(codec)
with connect(f"{url}?codec={codec}", open_timeout=10) as ws:
    client.recv(ws.recv(timeout=10))
    mid = client.ids()[0]
    value = client.value(mid)
    print(f"python mirror ({codec}) got the snapshot of model {mid}: {json.dumps(value)[:120]}")
    proposed = json.loads(json.dumps(value))
    proposed["Map"]["name"] = {"Str": new_name}
    ws.send(client.edit(mid, proposed))
    for _ in range(200):
        client.recv(ws.recv(timeout=10))
        if client.value(mid)["Map"]["name"] == {"Str": new_name}:
            print(f"python mirror ({codec}) saw its proposal echoed: name = {new_name}")
            sys.exit(0)
print("python mirror: no echo of the proposal")
sys.exit(1)
