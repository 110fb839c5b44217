"""Interop, Python side as host: the `transports` package (0.10.0) over Starlette/uvicorn, hosting a
pydantic Device either in a plain `Server` (mode "server": model id 1, a refused proposal gets a reject)
or as a shared model of a `Hub` (mode "hub": id 2^40 + 1, last write wins, the connection's tenant
subscribed with WRITE; a proposal that changes nothing is answered with an `ack`). GET /state returns
the Device's fields. Mode "batch": three Devices in a `Server` whose level changes together every 20 ms,
so a connection with `batch=1` gets batch frames. Usage: python python_host.py PORT [server|hub|batch]. Prints "ready <ws url> <state url>"."""

import asyncio
import contextlib
import sys

import transports
import uvicorn
from pydantic import BaseModel
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route, WebSocketRoute
from transports.hub import WRITE, Hub
from transports.server import autosync, ws_endpoint


class Device(BaseModel):
    name: str
    on: bool = False
    level: int = 3


port = int(sys.argv[1])
mode = sys.argv[2] if len(sys.argv) > 2 else "server"
lamp = Device(name="python lamp")
devices = [lamp]
if mode == "batch":  # three devices whose level changes together every 20 ms: each flush holds three patches
    devices = [Device(name=f"python device {i}") for i in range(3)]
    lamp = devices[0]
    session = transports.Session()
    for d in devices:
        session.host(d)
    server = transports.Server(session)

    def current() -> dict:
        return lamp.model_dump()
elif mode == "hub":
    server = Hub(lambda conn: "tenant-1")
    shared = server.share(lamp)
    server.subscribe("tenant-1", shared, WRITE)

    def current() -> dict:
        return server.snapshot_shared(shared)["value"]
else:
    session = transports.Session()
    session.host(lamp)
    server = transports.Server(session)

    def current() -> dict:
        return lamp.model_dump()


async def state(request):
    return JSONResponse(current())


@contextlib.asynccontextmanager
async def lifespan(app):
    task = asyncio.create_task(autosync(server))
    changer = asyncio.create_task(change_together()) if mode == "batch" else None
    print(f"ready ws://127.0.0.1:{port}/transports http://127.0.0.1:{port}/state", flush=True)
    yield
    task.cancel()
    if changer is not None:
        changer.cancel()


async def change_together():
    level = 0
    while True:
        level += 1
        for d in devices:
            d.level = level
        await asyncio.sleep(0.02)


app = Starlette(routes=[WebSocketRoute("/transports", ws_endpoint(server)), Route("/state", state)], lifespan=lifespan)
uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")
