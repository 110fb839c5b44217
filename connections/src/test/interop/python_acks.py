"""Interop, Python side as proposer: the `transports` package's (0.10.0) managed Client connects to a
Java server in CODEC and makes three tagged proposals on the first model: a change (its `on_ack` must
fire with the echo carrying the id), one that changes nothing (`on_ack` with an `ack` frame) and one the
Java type refuses (`on_reject` with the id). Then it disconnects: `on_abandon` must report nothing.
Usage: python python_acks.py WS_URL CODEC. Exit code 0 when every check held; prints one line per check."""

import asyncio
import contextlib
import copy
import sys

import transports

url, codec = sys.argv[1], sys.argv[2]


async def until(what, condition, timeout=10.0):
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise SystemExit(f"python proposer ({codec}): timed out waiting for {what}")
        await asyncio.sleep(0.02)


async def main():
    client = transports.Client(codec)
    acks, rejects, abandoned = [], [], []
    client.on_ack(acks.append)
    client.on_reject(rejects.append)
    client.on_abandon(abandoned.extend)
    task = asyncio.create_task(client.connect(url))
    await until("the snapshot", lambda: client.ids() and client.connected)
    mid = client.ids()[0]
    value = client.value(mid)

    changed = copy.deepcopy(value)
    changed["Map"]["name"] = {"Str": f"renamed by python {codec}"}
    assert await client.propose(mid, changed, "py-change")
    await until("the ack of py-change", lambda: any(a.get("proposal") == "py-change" for a in acks))
    ack = next(a for a in acks if a.get("proposal") == "py-change")
    assert ack["t"] == "patch" and ack["patch"]["ops"], ack
    assert client.value(mid)["Map"]["name"] == {"Str": f"renamed by python {codec}"}
    print(f"python proposer ({codec}): on_ack fired for the accepted proposal, on its echo at rev {ack['patch']['rev']}")

    same = [{"Set": {"path": [{"Key": "name"}], "value": {"Str": f"renamed by python {codec}"}}}]
    assert await client.propose_ops(mid, same, "py-same")
    await until("the ack of py-same", lambda: any(a.get("proposal") == "py-same" for a in acks))
    ack = next(a for a in acks if a.get("proposal") == "py-same")
    assert ack["t"] == "ack" and ack["id"] == mid and ack["rev"] <= client._rev[mid], ack  # the host may have moved on since
    print(f"python proposer ({codec}): on_ack fired with an ack frame for the proposal that changed nothing: {ack}")

    bad = [{"Set": {"path": [{"Key": "brightness"}], "value": {"Str": "very bright"}}}]
    assert await client.propose_ops(mid, bad, "py-bad")
    await until("the reject of py-bad", lambda: any(r.get("proposal") == "py-bad" for r in rejects))
    reject = next(r for r in rejects if r.get("proposal") == "py-bad")
    assert not any(a.get("proposal") == "py-bad" for a in acks)
    print(f"python proposer ({codec}): on_reject fired with the proposal id: {reject['error'][:80]}")

    assert client.pending_proposals() == [], client.pending_proposals()
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    assert not client.connected
    assert abandoned == [], f"reported abandoned: {abandoned}"
    print(f"python proposer ({codec}): disconnected with nothing reported abandoned")


try:
    asyncio.run(main())
except AssertionError as e:
    print(f"python proposer ({codec}): check failed: {e!r}")
    sys.exit(1)
