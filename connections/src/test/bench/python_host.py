"""The Python side of the fan-out benchmark: the `transports` package's own Server over Starlette and
uvicorn (ws_endpoint + autosync, as its docs show), hosting a Ticker that changes 100 times a second
(seq + 1, ts = wall-clock ns); RATE 0 leaves it to the clients' proposals. Usage: python python_host.py PORT [RATE]. Prints "ready <url>"."""

import asyncio
import contextlib
import sys
import time

import transports
import uvicorn
from pydantic import BaseModel
from starlette.applications import Starlette
from starlette.routing import WebSocketRoute
from transports.server import autosync, ws_endpoint


class Ticker(BaseModel):
    seq: int = 0
    ts: int = 0


port = int(sys.argv[1])
rate = int(sys.argv[2]) if len(sys.argv) > 2 else 100
session = transports.Session()
ticker = Ticker()
session.host(ticker)
server = transports.Server(session)


async def mutate() -> None:
    period = 1.0 / rate
    next_at = time.monotonic()
    while True:
        next_at += period
        await asyncio.sleep(max(0.0, next_at - time.monotonic()))
        ticker.seq += 1
        ticker.ts = time.time_ns()


@contextlib.asynccontextmanager
async def lifespan(app):
    tasks = [asyncio.create_task(autosync(server))]
    if rate > 0:  # rate 0: only the clients' proposals change the ticker
        tasks.append(asyncio.create_task(mutate()))
    print(f"ready ws://127.0.0.1:{port}/transports", flush=True)
    yield
    for t in tasks:
        t.cancel()


app = Starlette(routes=[WebSocketRoute("/transports", ws_endpoint(server))], lifespan=lifespan)
uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", ws_max_queue=1024)
