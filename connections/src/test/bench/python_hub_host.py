"""The Python side of the many-writers benchmark (connections/hub-writes.sh): the `transports` package's
(0.10.0) own Hub over Starlette and uvicorn (ws_endpoint + autosync, as its docs show) with ONE shared
model under one merge strategy, the same shapes as the Java HubWritesHost: flat (LastWriteWins,
LwwMapCrdt: one key per writer), deep (DeepLwwCrdt: writers.w<k>.ts). The reference has no sequence
strategy for patches, so there is no seq here. Tenants w0..w<WRITERS-1> write, the others read (tenant:
the `tenant` query parameter, else "reader").
Usage: python python_hub_host.py PORT STRATEGY(lww|lwwmap|deep) WRITERS. Prints "ready <url> <shared id>"."""

import asyncio
import contextlib
import sys

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


@contextlib.asynccontextmanager
async def lifespan(app):
    task = asyncio.create_task(autosync(hub))
    print(f"ready ws://127.0.0.1:{port}/transports {sid}", flush=True)
    yield
    task.cancel()


app = Starlette(routes=[WebSocketRoute("/transports", ws_endpoint(hub))], lifespan=lifespan)
uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", ws_max_queue=1024)
