"""A notebook publishing a model through the Redis backplane, in the real JJava kernel.

A kernel cell hosts a Tally, shows it with Widget.of(session) and publishes it with the backplane's
Replication; a web process (its own JVM, WebProcessMain) serves it over WebSocket from the same Redis;
a Java client (its own JVM, ClientMain) connected to the web process sees the notebook's value, its
edit reaches the notebook's object, and a cell's change reaches the client through the kernel's
after-cell flush. redis-server is started on a free loopback port with a temporary directory; outside
CI a missing redis-server skips the test, with CI=true it fails.
"""
import json
import os
import queue
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

from kernel_harness import ROOT, Kernel

BACKPLANE = ROOT / "backplane"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def redis_server() -> str | None:
    return os.environ.get("REDIS_SERVER") or shutil.which("redis-server") or (
        "/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None)


def backplane_classpath() -> str:
    """The backplane's classes and test classes (WebProcessMain, ClientMain, Tally) and their
    dependencies, as Maven resolves them offline (the module must have been built: ./install.sh)."""
    classes = BACKPLANE / "target" / "classes"
    tests = BACKPLANE / "target" / "test-classes"
    assert (tests / "io/transports/backplane/support/ClientMain.class").exists(), \
        "build the backplane module with its tests first (mvn -pl backplane -am test-compile)"
    out = Path(tempfile.mkdtemp(prefix="transports-cp-")) / "cp.txt"
    subprocess.run(["mvn", "-q", "-B", "-o", "-f", str(BACKPLANE / "pom.xml"), "dependency:build-classpath",
                    "-Dmdep.includeScope=test", f"-Dmdep.outputFile={out}"], check=True, cwd=ROOT)
    deps = out.read_text().strip()
    shutil.rmtree(out.parent, ignore_errors=True)
    return os.pathsep.join([str(classes), str(tests), deps])


class Lines:
    """A child process whose stdout lines are collected on a thread, waited on by condition."""

    def __init__(self, cmd: list[str]):
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True, bufsize=1)
        self.lines: list[str] = []
        self.q: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            line = line.rstrip("\n")
            self.lines.append(line)
            self.q.put(line)

    def await_line(self, pred, timeout: float, what: str) -> str:
        for line in list(self.lines):
            if pred(line):
                return line
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.q.get(timeout=min(1.0, max(0.01, deadline - time.monotonic())))
            except queue.Empty:
                continue
            if pred(line):
                return line
        raise AssertionError(f"timed out after {timeout}s waiting for {what}; output:\n" + "\n".join(self.lines[-30:]))

    def send(self, line: str):
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=10)


@pytest.fixture
def redis():
    exe = redis_server()
    if exe is None:
        if os.environ.get("CI") == "true":
            pytest.fail("redis-server is missing (CI=true): install Debian's redis-server")
        pytest.skip("redis-server is not installed")
    port = free_port()
    d = tempfile.mkdtemp(prefix="transports-redis-")
    proc = subprocess.Popen([exe, "--port", str(port), "--bind", "127.0.0.1", "--dir", d, "--save", "",
                             "--appendonly", "no", "--logfile", str(Path(d) / "redis.log")])
    deadline = time.monotonic() + 20
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                s.sendall(b"PING\r\n")
                if s.recv(16).startswith(b"+PONG"):
                    break
        except OSError:
            pass
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError("redis-server did not answer")
        time.sleep(0.05)
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.kill()
        proc.wait(timeout=10)
        shutil.rmtree(d, ignore_errors=True)


def test_a_notebook_publishes_its_model_to_a_web_process_and_a_java_client_edits_it(redis):
    cp = backplane_classpath()
    java = shutil.which("java")
    with Kernel() as k:
        k.execute(f"%classpath {cp.replace(os.pathsep, ' ')}")
        k.execute("""
import io.transports.*;
import io.transports.jupyter.*;
import io.transports.backplane.*;
import io.transports.backplane.support.Tally;
Session session = new Session();
Tally tally = new Tally();
tally.count = 7;
long id = session.host(tally);
var widget = Widget.of(session);
Replication replication = new Replication(session, Backplanes.open("%s"));
replication.publish("tally", id);
widget
""" % redis)
        web = Lines([java, "-cp", cp, "io.transports.backplane.support.WebProcessMain", redis, "1500"])
        client = None
        try:
            port = web.await_line(lambda l: l.startswith("PORT "), 90, "the web process's port")[5:]
            client = Lines([java, "-cp", cp, "io.transports.backplane.support.ClientMain",
                            f"ws://127.0.0.1:{port}/transports"])

            def value(line):
                return json.loads(line[6:]) if line.startswith("VALUE ") else None

            client.await_line(lambda l: (value(l) or {}).get("count") == 7, 90, "the client sees the notebook's count 7")
            # the client's edit reaches the notebook's object
            client.send("NOTE from a Java client")
            client.await_line(lambda l: l == "PROPOSED", 30, "the proposal sent")
            deadline = time.monotonic() + 30
            while True:
                out = k.execute("System.out.println(tally.note);").stdout
                if "from a Java client" in out:
                    break
                assert time.monotonic() < deadline, f"the notebook's object never got the client's note: {out!r}"
                time.sleep(0.2)  # polling a cell: the kernel is a separate process we can only ask
            # a cell's change reaches the client (flushed into the backplane after the cell)
            k.execute("tally.count = 8;")
            client.await_line(lambda l: (value(l) or {}).get("count") == 8 and (value(l) or {}).get("note") == "from a Java client",
                              30, "the client sees the cell's count 8 with its own note")
            print(f"notebook publishing through Redis: the Java client saw the notebook's value, its note reached the "
                  f"kernel's object, the cell's change reached the client")
        finally:
            if client:
                client.stop()
            web.stop()
            k.execute("replication.close(); replication.backplane().close();", allow_error=True)
