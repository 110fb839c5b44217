"""Widget.of(hub, tenant) in the real JJava kernel: two widgets, one per tenant of one Hub. Alice's
widget shows her private model and the shared one, Bob's only the shared one; an edit from Alice's view
is merged by the hub and reaches Bob's widget (her copy of the echo carries her proposal id), and Bob, a
READ subscriber, is refused with the reason. (The views are driven over the comm as the front end
does; the browser side of two tabs is not run here.)"""
import json

from test_widget_kernel import open_widget, set_op

SHARED = 1 << 40


def wire_frames(kernel, cid, view, count, what):
    got = []
    for i in range(count):
        c = kernel.wait_custom(cid, lambda c: "wire" in c and c.get("view", view) == view, what=f"{what} ({i + 1} of {count})")
        got.append(json.loads(c["wire"]))
    return got


def test_two_tenants_widgets_share_a_model_through_the_hub(kernel):
    kernel.execute('var hub = new Hub(c -> c.param("tenant").orElseThrow());'
                   ' long board = hub.share(new Device("shared lamp"));'
                   ' hub.subscribe("alice", board, Hub.Mode.WRITE);'
                   ' hub.subscribe("bob", board, Hub.Mode.READ);'
                   ' hub.tenant("alice").host(new Device("alice lamp"));')
    _, opened_a = open_widget(kernel, 'var wa = Widget.of(hub, "alice"); wa')
    _, opened_b = open_widget(kernel, 'var wb = Widget.of(hub, "bob"); wb')
    ca, cb = opened_a["content"]["comm_id"], opened_b["content"]["comm_id"]

    kernel.custom(ca, {"ready": True, "view": "a"})
    snaps = wire_frames(kernel, ca, "a", 2, "alice's snapshots")
    assert [(s["t"], s["id"]) for s in snaps] == [("snapshot", 1), ("snapshot", SHARED)]
    assert snaps[0]["value"]["Map"]["name"] == {"Str": "alice lamp"}
    kernel.custom(cb, {"ready": True, "view": "b"})
    [snap] = wire_frames(kernel, cb, "b", 1, "bob's snapshot")
    assert (snap["t"], snap["id"]) == ("snapshot", SHARED), "bob sees the shared model only"

    write = {"t": "patch", "id": SHARED, "patch": {"rev": 0, "ops": [set_op("on", {"Bool": True})]}, "proposal": "k1"}
    kernel.custom(ca, {"wire": json.dumps(write), "view": "a"})
    [mine] = wire_frames(kernel, ca, "a", 1, "alice's echo")
    assert mine["t"] == "patch" and mine["proposal"] == "k1" and mine["patch"]["rev"] == 1
    [theirs] = wire_frames(kernel, cb, "b", 1, "the patch in bob's widget")
    assert theirs["t"] == "patch" and "proposal" not in theirs and theirs["patch"]["ops"] == [set_op("on", {"Bool": True})]

    refused = {"t": "patch", "id": SHARED, "patch": {"rev": 1, "ops": [set_op("on", {"Bool": False})]}, "proposal": "k2"}
    kernel.custom(cb, {"wire": json.dumps(refused), "view": "b"})
    revert, reject = wire_frames(kernel, cb, "b", 2, "bob's revert and reject")
    assert revert["t"] == "snapshot" and reject["t"] == "reject" and reject["proposal"] == "k2"
    assert "read-only subscription" in reject["error"]
    cell = kernel.execute('System.out.println("shared rev " + hub.sharedRev(board));')
    assert "shared rev 1" in cell.stdout, cell.stdout + cell.stderr


def comm_frames(kernel, cid, count, what):
    got = []
    for i in range(count):
        m = kernel.wait_for(lambda m: m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == cid, what=f"{what} ({i + 1} of {count})")
        got.append(m["content"]["data"])
    return got


def test_a_hub_served_over_raw_comms_takes_each_comms_tenant_from_its_open_data(kernel):
    kernel.execute('var rhub = new Hub(c -> c.param("tenant").orElseThrow(() -> new IllegalArgumentException("name a tenant")));'
                   ' long rboard = rhub.share(new Device("raw shared"));'
                   ' rhub.subscribe("alice", rboard, Hub.Mode.WRITE);'
                   ' rhub.subscribe("bob", rboard, Hub.Mode.READ);'
                   ' Jupyter.serve("rhub", rhub);'
                   ' Jupyter.serve("rhub-alice", rhub, "alice");')
    ca = kernel.comm_open("transports", {"server": "rhub", "tenant": "alice"})
    [snap_a] = comm_frames(kernel, ca, 1, "alice's snapshot")
    cb = kernel.comm_open("transports", {"server": "rhub", "tenant": "bob"})
    [snap_b] = comm_frames(kernel, cb, 1, "bob's snapshot")
    assert snap_a["t"] == snap_b["t"] == "snapshot" and snap_a["id"] == snap_b["id"] == SHARED

    kernel.comm_msg(ca, {"t": "patch", "id": SHARED, "patch": {"rev": 0, "ops": [set_op("on", {"Bool": True})]}, "proposal": "r1"})
    [mine] = comm_frames(kernel, ca, 1, "alice's echo")
    assert mine["t"] == "patch" and mine["proposal"] == "r1" and mine["patch"]["rev"] == 1
    [theirs] = comm_frames(kernel, cb, 1, "the patch on bob's comm")
    assert theirs["t"] == "patch" and "proposal" not in theirs

    kernel.comm_msg(cb, {"t": "patch", "id": SHARED, "patch": {"rev": 1, "ops": [set_op("on", {"Bool": False})]}, "proposal": "r2"})
    revert, reject = comm_frames(kernel, cb, 2, "bob's revert and reject")
    assert revert["t"] == "snapshot" and reject["t"] == "reject" and "read-only subscription" in reject["error"]

    # the pinned tenant writes as alice whatever its open data says
    cp = kernel.comm_open("transports", {"server": "rhub-alice", "tenant": "bob"})
    comm_frames(kernel, cp, 1, "the pinned comm's snapshot")
    kernel.comm_msg(cp, {"t": "patch", "id": SHARED, "patch": {"rev": 1, "ops": [set_op("on", {"Bool": False})]}, "proposal": "r3"})
    [pinned] = comm_frames(kernel, cp, 1, "the pinned comm's echo")
    assert pinned["t"] == "patch" and pinned["proposal"] == "r3" and pinned["patch"]["rev"] == 2

    # a comm that names no tenant is refused with the reason and closed
    cn = kernel.comm_open("transports", {"server": "rhub"})
    [refusal] = comm_frames(kernel, cn, 1, "the refusal")
    assert refusal["t"] == "reject" and "name a tenant" in refusal["error"], refusal
    kernel.wait_for(lambda m: m["msg_type"] == "comm_close" and m["content"]["comm_id"] == cn, what="the refused comm closing")
