"""Interop, Python side as host: the `transports` package's Server over Starlette/uvicorn hosting a
pydantic Device, with GET /state returning the Python object's fields. Usage: python python_host.py PORT.
Prints "ready <ws url> <state url>"."""

import asyncio
import contextlib
import sys

import transports
import uvicorn
from pydantic import BaseModel
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route, WebSocketRoute
from transports.server import autosync, ws_endpoint


class Device(BaseModel):
    name: str
    on: bool = False
    level: int = 3


port = int(sys.argv[1])
session = transports.Session()
lamp = Device(name="python lamp")
session.host(lamp)
server = transports.Server(session)


async def state(request):
    return JSONResponse(lamp.model_dump())


@contextlib.asynccontextmanager
async def lifespan(app):
    task = asyncio.create_task(autosync(server))
    print(f"ready ws://127.0.0.1:{port}/transports http://127.0.0.1:{port}/state", flush=True)
    yield
    task.cancel()


app = Starlette(routes=[WebSocketRoute("/transports", ws_endpoint(server)), Route("/state", state)], lifespan=lifespan)
uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")
