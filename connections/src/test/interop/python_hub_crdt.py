"""Interop, Python clients on a CRDT-backed shared text of our Java Hub: the `transports` package's
(0.10.0) Clients connect to JavaHubHost as tenants alice and bob (writers) and carol (reader) in CODEC
and check: each mirrors the text from its crdt_snapshot; alice and bob type at once and converge; carol's
edit is refused to her and reverted; bob goes offline, keeps typing (his operations wait in his outbox),
reconnects, and both end with the same text holding every character. Usage: python python_hub_crdt.py
WS_URL CRDT_ID CODEC. Exit code 0 when every check held; prints one line per check."""

import asyncio
import contextlib
import sys

import transports

url, did, codec = sys.argv[1], int(sys.argv[2]), sys.argv[3]
who = f"python clients on a CRDT text of the Java hub ({codec})"


async def until(what, condition, timeout=15.0):
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise SystemExit(f"{who}: timed out waiting for {what}")
        await asyncio.sleep(0.02)


def text(client):
    return client.value(did)["Str"]


def splice(index, values, delete=0):
    return [{"kind": "sequence_splice", "path": [], "index": index, "delete_count": delete, "values": list(values)}]


async def type_into(client, s):
    for ch in s:
        assert await client.propose_crdt(did, splice(len(text(client)), ch))


async def stop(task):
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def main():
    clients = {t: transports.Client(codec) for t in ("alice", "bob", "carol")}
    rejects = []
    clients["carol"].on_reject(rejects.append)
    tasks = {t: asyncio.create_task(c.connect(f"{url}?tenant={t}")) for t, c in clients.items()}
    await until("every opening", lambda: all(did in c.ids() for c in clients.values()))
    start = text(clients["alice"])
    assert clients["alice"].crdt_spec(did) is not None, "mirrored as a CRDT document"
    print(f"{who}: every tenant mirrors the CRDT text {start!r} from its crdt_snapshot")

    await type_into(clients["alice"], " al")
    await type_into(clients["bob"], " bo")
    await until("alice and bob converge", lambda: text(clients["alice"]) == text(clients["bob"]) == text(clients["carol"])
                and len(text(clients["alice"])) == len(start) + 6 and clients["alice"].pending_crdt_ops(did) == 0
                and clients["bob"].pending_crdt_ops(did) == 0)
    print(f"{who}: alice and bob typed at once and converged on {text(clients['alice'])!r}")

    assert await clients["carol"].propose_crdt(did, splice(0, "x"))
    await until("carol's refusal", lambda: rejects)
    assert "read-only subscription" in rejects[0]["error"] and rejects[0].get("crdt_ops"), rejects[0]
    await until("carol's mirror put back", lambda: text(clients["carol"]) == text(clients["alice"]) and clients["carol"].pending_crdt_ops(did) == 0)
    print(f"{who}: carol's edit was refused with its crdt_ops and reverted")

    offline, online = f"offline-{codec}", f"online-{codec}"  # the host serves both codec runs: words of their own
    await stop(tasks["bob"])
    for ch in offline:
        clients["bob"].edit_crdt(did, splice(len(text(clients["bob"])), ch))
    assert clients["bob"].pending_crdt_ops(did) == len(offline), clients["bob"].pending_crdt_ops(did)
    await type_into(clients["alice"], online)
    await until("alice's edits echoed", lambda: clients["alice"].pending_crdt_ops(did) == 0)
    assert offline not in text(clients["alice"]), "bob's offline typing reached no one while he was away"
    tasks["bob"] = asyncio.create_task(clients["bob"].connect(f"{url}?tenant=bob"))
    await until("bob reconnected and everyone converged", lambda: clients["bob"].pending_crdt_ops(did) == 0
                and text(clients["alice"]) == text(clients["bob"]) == text(clients["carol"]))
    done = text(clients["alice"])
    assert len(done) == len(start) + 6 + len(offline) + len(online), done
    for part in (offline, online):
        it = iter(done)
        assert all(ch in it for ch in part), f"{part!r} in order in {done!r}"
    print(f"{who}: bob typed offline, reconnected, and every character is in {done!r}")
    for t in tasks.values():
        await stop(t)


try:
    asyncio.run(main())
except AssertionError as e:
    print(f"{who}: check failed: {e!r}")
    sys.exit(1)
