"""Interop, Python clients on our Java Hub: the `transports` package's (0.10.0) managed Clients connect
to JavaHubHost as three tenants in CODEC (alice and bob write the shared model, carol only reads it) and
check: each tenant sees its own private model 1 and the shared one (carol only the shared one); alice's
tagged write fires her `on_ack` on the echo and reaches bob and carol; a burst of her writes reaches them in patches
spanning several revisions, each of hers acked on its own patch; a write that changes nothing fires
`on_ack` with an `ack` frame; carol's write is refused with her proposal id (`on_reject`); alice's
awareness reaches bob with a peer id the hub assigned, and goes away when alice disconnects; nothing is
reported abandoned. Usage: python python_hub_clients.py WS_URL SHARED_ID CODEC. Exit code 0 when every
check held; prints one line per check."""

import asyncio
import contextlib
import sys

import transports

url, sid, codec = sys.argv[1], int(sys.argv[2]), sys.argv[3]
who = f"python clients on the Java hub ({codec})"


async def until(what, condition, timeout=15.0):
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise SystemExit(f"{who}: timed out waiting for {what}")
        await asyncio.sleep(0.02)


def name(client, mid):
    return client.value(mid)["Map"]["name"]["Str"]


async def main():
    clients = {t: transports.Client(codec) for t in ("alice", "bob", "carol")}
    acks, rejects, abandoned, heard = [], [], [], []
    clients["alice"].on_ack(acks.append)
    clients["alice"].on_abandon(abandoned.extend)
    clients["carol"].on_reject(rejects.append)
    clients["bob"].on_awareness(heard.append)
    tasks = {t: asyncio.create_task(c.connect(f"{url}?tenant={t}")) for t, c in clients.items()}
    await until("every opening", lambda: sid in clients["alice"].ids() and sid in clients["bob"].ids() and sid in clients["carol"].ids())
    # the host also shares a CRDT text with every tenant (python_hub_crdt.py checks that one): leave it out
    plain = lambda c: sorted(i for i in c.ids() if i < (1 << 40) or i == sid)
    assert plain(clients["alice"]) == [1, sid], clients["alice"].ids()
    assert plain(clients["carol"]) == [sid], clients["carol"].ids()
    assert name(clients["alice"], 1) == "alice's own lamp" and name(clients["bob"], 1) == "bob's own lamp"
    print(f"{who}: each tenant mirrors its own private model 1 and the shared model {sid}; carol only the shared one")

    set_name = [{"Set": {"path": [{"Key": "name"}], "value": {"Str": f"renamed by python {codec}"}}}]
    assert await clients["alice"].propose_ops(sid, set_name, "py-shared")
    await until("the ack of py-shared", lambda: any(a.get("proposal") == "py-shared" for a in acks))
    ack = next(a for a in acks if a.get("proposal") == "py-shared")
    assert ack["t"] == "patch" and ack["patch"]["ops"], ack
    await until("bob and carol see alice's write", lambda: name(clients["bob"], sid) == name(clients["carol"], sid) == f"renamed by python {codec}")
    print(f"{who}: alice's write was merged; on_ack fired on its echo at rev {ack['patch']['rev']}; bob and carol have it")

    assert await clients["alice"].propose_ops(sid, set_name, "py-same")
    await until("the ack of py-same", lambda: any(a.get("proposal") == "py-same" for a in acks))
    ack = next(a for a in acks if a.get("proposal") == "py-same")
    assert ack["t"] == "ack" and ack["id"] == sid, ack
    print(f"{who}: a write that changed nothing fired on_ack with an ack frame: {ack}")

    # a burst: the hub sends the writes of one flush as one patch spanning their revisions; alice's
    # copy is split at each of her writes, so every proposal is acked on its own patch
    revs = []
    clients["bob"].on_change(lambda change: revs.append(change["patch"]["rev"]) if change.get("t") == "patch" and change.get("id") == sid else None)
    start = clients["bob"]._rev[sid]
    burst = [f"py-burst-{i}" for i in range(5)]
    for i, pid in enumerate(burst):
        assert await clients["alice"].propose_ops(sid, [{"Set": {"path": [{"Key": "name"}], "value": {"Str": f"burst {i} {codec}"}}}], pid)
    await until("the acks of the burst", lambda: all(any(a.get("proposal") == pid for a in acks) for pid in burst))
    burst_acks = [next(a for a in acks if a.get("proposal") == pid) for pid in burst]
    assert all(a["t"] == "patch" for a in burst_acks), burst_acks
    assert [a["patch"]["rev"] for a in burst_acks] == list(range(start + 1, start + 6)), burst_acks
    await until("bob and carol converge on the burst", lambda: name(clients["bob"], sid) == name(clients["carol"], sid) == f"burst 4 {codec}")
    jumps = [b - a for a, b in zip([start] + revs, revs)]
    print(f"{who}: a burst of 5 writes: each acked on its own patch at revs {start + 1}..{start + 5}; bob got "
          f"{len(revs)} patch(es), the widest spanning {max(jumps)} revision(s)")
    set_name = [{"Set": {"path": [{"Key": "name"}], "value": {"Str": f"renamed by python {codec}"}}}]
    assert await clients["alice"].propose_ops(sid, set_name, "py-back")
    await until("the name back", lambda: name(clients["carol"], sid) == f"renamed by python {codec}")

    vandal = [{"Set": {"path": [{"Key": "name"}], "value": {"Str": "carol was here"}}}]
    assert await clients["carol"].propose_ops(sid, vandal, "py-carol")
    await until("the reject of py-carol", lambda: any(r.get("proposal") == "py-carol" for r in rejects))
    reject = next(r for r in rejects if r.get("proposal") == "py-carol")
    assert "read-only subscription" in reject["error"], reject
    await until("carol's mirror put back", lambda: name(clients["carol"], sid) == f"renamed by python {codec}")
    print(f"{who}: carol's write was refused to her alone: {reject['error'][:70]}")

    assert await clients["alice"].set_awareness(sid, {"editing": "name"})
    await until("bob sees alice's awareness", lambda: list(clients["bob"].awareness(sid).values()) == [{"editing": "name"}])
    peer = next(iter(clients["bob"].awareness(sid)))
    assert clients["alice"].awareness(sid) == {}, "not echoed to its sender"
    print(f"{who}: alice's awareness reached bob as peer {peer!r}")

    assert clients["alice"].pending_proposals() == []
    tasks["alice"].cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await tasks["alice"]
    await until("alice's awareness removed when she left", lambda: clients["bob"].awareness(sid) == {})
    assert heard[-1]["state"] is None and heard[-1]["peer"] == peer, heard[-1]
    assert abandoned == [], f"reported abandoned: {abandoned}"
    print(f"{who}: alice disconnected: her awareness was removed for bob, nothing reported abandoned")
    for t in ("bob", "carol"):
        tasks[t].cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await tasks[t]


try:
    asyncio.run(main())
except AssertionError as e:
    print(f"{who}: check failed: {e!r}")
    sys.exit(1)
