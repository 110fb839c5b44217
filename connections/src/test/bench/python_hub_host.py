"""The Python side of the many-writers benchmark (connections/hub-writes.sh): the `transports` package's
(0.10.0) own Hub over Starlette and uvicorn (ws_endpoint + autosync, as its docs show) with ONE shared
model under one merge strategy, the same shapes as the Java HubWritesHost: flat (LastWriteWins,
LwwMapCrdt: one key per writer), deep (DeepLwwCrdt: writers.w<k>.ts). The reference has no sequence
strategy for patches, so there is no seq here. Tenants w0..w<WRITERS-1> write, the others read (tenant:
the `tenant` query parameter, else "reader").
Usage: python python_hub_host.py PORT STRATEGY(lww|lwwmap|deep) WRITERS. Prints "ready <url> <shared id>", then
"rev <epoch ms> <revision>" every 200 ms (read from the hub's shared-model record: the merged writes so far)."""

import asyncio
import contextlib
import sys
import time

import uvicorn
from starlette.applications import Starlette
from starlette.routing import WebSocketRoute
from transports.hub import READ, WRITE, DeepLwwCrdt, Hub, LastWriteWins, LwwMapCrdt
from transports.server import autosync, ws_endpoint

port = int(sys.argv[1])
strategy = sys.argv[2]
writers = int(sys.argv[3])


def ts(v: int) -> dict:
    return {"Map": {"ts": {"Int": v}}}


hub = Hub(lambda ws: ws.query_params.get("tenant", "reader"))
if strategy == "lww":
    sid = hub.share({"Map": {}}, "Bench", merge=LastWriteWins)
elif strategy == "lwwmap":
    sid = hub.share({"Map": {}}, "Bench", merge=LwwMapCrdt)
elif strategy == "deep":
    sid = hub.share({"Map": {"writers": {"Map": {f"w{w}": ts(0) for w in range(writers)}}}}, "Bench", merge=DeepLwwCrdt)
else:
    raise SystemExit(f"strategy lww|lwwmap|deep, not {strategy}")
for w in range(writers):
    hub.subscribe(f"w{w}", sid, WRITE)
hub.subscribe("reader", sid, READ)


async def report_rev() -> None:
    # the merged writes, counted where they happen: the script takes the rise over the clients' window
    while True:
        print(f"rev {time.time_ns() // 1_000_000} {hub._shared[sid].rev}", flush=True)
        await asyncio.sleep(0.2)


@contextlib.asynccontextmanager
async def lifespan(app):
    tasks = [asyncio.create_task(autosync(hub)), asyncio.create_task(report_rev())]
    print(f"ready ws://127.0.0.1:{port}/transports {sid}", flush=True)
    yield
    for t in tasks:
        t.cancel()


app = Starlette(routes=[WebSocketRoute("/transports", ws_endpoint(hub))], lifespan=lifespan)
uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", ws_max_queue=1024)
