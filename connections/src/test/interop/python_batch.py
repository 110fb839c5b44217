"""Interop, Python side as a mirror asking for batch frames: the `transports` package's (0.10.0) Client
reads a Java server (BatchHost: three boards changed together) over a WebSocket opened with
`?codec=CODEC&batch=1`. Checks that batch frames arrive holding several messages each, that the Python
client applies them (its recv returns the accepted changes as a list), and that its three mirrors stay
at the same tick (they change together, so a batch applied partly or out of order would show).
Usage: python python_batch.py WS_URL CODEC. Exit code 0 when every check held."""

import sys

import transports
from transports import protocol
from websockets.sync.client import connect

url, codec = sys.argv[1], sys.argv[2]
client = transports.Client(codec)
batches = messages = 0
with connect(f"{url}?codec={codec}&batch=1", open_timeout=10) as ws:
    for _ in range(2000):
        frame = ws.recv(timeout=10)
        msg = protocol.decode(frame, codec)
        accepted = client.recv(frame)
        if msg.get("t") == "batch":
            batches += 1
            messages += len(msg["msgs"])
            assert len(msg["msgs"]) >= 2, msg
            assert isinstance(accepted, list) and len(accepted) == len(msg["msgs"]), accepted
            ticks = {client.value(mid)["Map"]["tick"]["Int"] for mid in client.ids()}
            assert len(ticks) == 1, f"the three boards disagree after a batch: {ticks}"
        if batches >= 10:
            break
if batches < 10:
    print(f"python batch mirror ({codec}): only {batches} batch frames")
    sys.exit(1)
print(f"python batch mirror ({codec}): {batches} batch frames holding {messages} messages applied; boards at tick "
      f"{client.value(client.ids()[0])['Map']['tick']['Int']} together")
