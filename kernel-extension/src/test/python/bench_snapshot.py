"""Measures a 10^6-node snapshot from the Java object to a mirror's value, through the real JJava
kernel, as JSON text and as MessagePack bytes (issue 8). Prints numbers; asserts nothing.

In the kernel: the server encoding the snapshot (JSON, MessagePack). Kernel to client: from the
view's ready message to the comm message received by jupyter_client (the kernel encodes, JJava writes
the comm message, ZeroMQ carries it, jupyter_client parses it). Then the browser side on the same
frames (widget-js/scripts/bench-frame-decode.mjs in Node): what the view does before its form sees
the value. Usage (after ./install.sh):
    .venv/bin/python kernel-extension/src/test/python/bench_snapshot.py [records] [runs]
A record has four fields, so records x 5 + 2 nodes (200,000 records = 10^6 nodes).
"""
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from kernel_harness import ROOT, Kernel  # noqa: E402

RECORDS = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 3

SETUP = f"""
import io.transports.*;
import io.transports.jupyter.*;
import java.util.*;
public record Item(String name, boolean on, int count, double level) {{}}
public class Catalog {{ public List<Item> items = new ArrayList<>(); }}
var catalog = new Catalog();
for (int i = 0; i < {RECORDS}; i++) catalog.items.add(new Item("item " + i, i % 2 == 0, i, i / 7.0));
var benchSession = new Session();
benchSession.host(catalog);
"""

ENCODE = """
var benchServer = new Server(benchSession);
for (String codec : List.of("json", "msgpack")) {
    for (int r = 0; r < %d; r++) {
        long t0 = System.nanoTime();
        var frames = benchServer.open("bench-" + codec + r, codec);
        long t1 = System.nanoTime();
        int size = frames.get(0).isText() ? frames.get(0).text().length() : frames.get(0).bytes().length;
        System.out.println("encode " + codec + " run " + (r + 1) + ": " + (t1 - t0) / 1_000_000 + " ms, " + size + " bytes");
    }
}
"""


def main():
    out = Path(tempfile.mkdtemp(prefix="transports-bench-"))
    with Kernel() as k:
        t = time.monotonic()
        k.execute(SETUP, timeout=600)
        print(f"nodes: {RECORDS * 5 + 2:,} ({RECORDS:,} records); hosting took {time.monotonic() - t:.1f} s")
        print(k.execute(ENCODE % RUNS, timeout=600).stdout.strip())
        cell = k.execute("var benchWidget = Widget.of(benchSession); benchWidget", timeout=600)
        cid = next(m["content"]["comm_id"] for m in cell.of_type("comm_open") if m["content"]["target_name"] == "jupyter.widget")
        for codec in ("json", "msgpack"):
            for r in range(RUNS):
                view = f"{codec}-{r}"
                ready = {"ready": True, "view": view}
                if codec == "msgpack":
                    ready["codec"] = "msgpack"
                t = time.monotonic()
                k.custom(cid, ready)
                m = k.wait_for(lambda m: m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == cid
                               and m["content"]["data"].get("content", {}).get("view") == view
                               and ("wire" in m["content"]["data"]["content"] or "codec" in m["content"]["data"]["content"]),
                               timeout=600, what=f"the {codec} snapshot")
                took = time.monotonic() - t
                c = m["content"]["data"]["content"]
                size = len(c["wire"]) if "wire" in c else len(m["buffers"][0])
                print(f"kernel -> client, {codec}, run {r + 1}: {took * 1000:.0f} ms ready to received ({size:,} bytes)")
                if r == 0:
                    if "wire" in c:
                        (out / "frame.json").write_text(c["wire"])
                    else:
                        (out / "frame.msgpack").write_bytes(bytes(m["buffers"][0]))
                k.custom(cid, {"closed": True, "view": view})
                k.backlog.clear()
    subprocess.run(["node", "scripts/bench-frame-decode.mjs", str(out / "frame.json"), str(out / "frame.msgpack"), str(RUNS)],
                   cwd=ROOT / "widget-js", check=True)
    for f in out.iterdir():
        f.unlink()
    out.rmdir()


if __name__ == "__main__":
    main()
