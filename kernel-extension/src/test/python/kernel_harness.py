"""A real JJava kernel with the transports extension, driven through jupyter_client.

Starts the "Java (transports)" kernelspec that install.sh puts into .venv (or, when
TRANSPORTS_EXTENSION_JAR names a jar, a temporary kernelspec made of the installed JJava kernel plus
that jar), and offers the few things the tests need: run a cell and collect what it published,
speak to comms as a front end would, and wait on iopub messages by condition, never by sleeping.
"""
from __future__ import annotations

import atexit
import json
import os
import queue
import shutil
import tempfile
import time
import uuid
from pathlib import Path

from jupyter_client.manager import KernelManager

ROOT = Path(__file__).resolve().parents[4]
VENV_KERNELS = ROOT / ".venv" / "share" / "jupyter" / "kernels"
KERNEL_NAME = "java-transports"
WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"


def _temporary_kernelspec(jar: Path) -> tuple[str, Path]:
    base = VENV_KERNELS / "java"
    tmp = Path(tempfile.mkdtemp(prefix="transports-kernelspec-"))
    spec = tmp / "kernels" / "java-transports-test"
    spec.mkdir(parents=True)
    for name in ("jjava.jar", "jjava-launcher.jar"):
        shutil.copy(base / name, spec / name)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": ["java", "-jar", "{resource_dir}/jjava-launcher.jar", "{resource_dir}/jjava.jar", "{connection_file}"],
        "display_name": "Java (transports, test)",
        "language": "java",
        "interrupt_mode": "message",
        "env": {"JJAVA_CLASSPATH": str(jar.resolve())},
    }))
    return "java-transports-test", tmp


def kernel_name() -> str:
    """The kernelspec to start: the installed one, or a temporary one for TRANSPORTS_EXTENSION_JAR
    (then JUPYTER_PATH is pointed at it for this process and its children)."""
    jar = os.environ.get("TRANSPORTS_EXTENSION_JAR")
    if jar:
        name, tmp = _temporary_kernelspec(Path(jar))
        atexit.register(shutil.rmtree, tmp, ignore_errors=True)
        os.environ["JUPYTER_PATH"] = str(tmp)
        return name
    if not (VENV_KERNELS / KERNEL_NAME / "kernel.json").exists():
        raise RuntimeError(f"kernelspec {KERNEL_NAME} is not installed in .venv: run ./install.sh")
    return KERNEL_NAME


class Kernel:
    """One running kernel and a client on it. Use as a context manager."""

    def __init__(self, env: dict | None = None, name: str | None = None):
        self.extra_env = env or {}
        self.name = name
        self.backlog: list[dict] = []
        self.read_by: dict[tuple[str, str], set[str]] = {}  # (comm, view) -> broadcast msg ids it read

    def __enter__(self) -> "Kernel":
        name = self.name or kernel_name()
        self.km = KernelManager(kernel_name=name)
        env = dict(os.environ)
        env.update(self.extra_env)
        # the kernel's own log lines go to a file, not into the test output
        self.log = tempfile.NamedTemporaryFile(prefix="transports-kernel-", suffix=".log", delete=False)
        self.km.start_kernel(env=env, stdout=self.log, stderr=self.log)
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=120)
        return self

    def __exit__(self, *exc):
        try:
            self.kc.stop_channels()
        finally:
            self.km.shutdown_kernel(now=True)
            self.log.close()
            if os.environ.get("TRANSPORTS_KEEP_KERNEL_LOG"):
                print(f"kernel log: {self.log.name}")
            else:
                os.unlink(self.log.name)

    # ---- iopub ------------------------------------------------------------------------------
    def _next_iopub(self, deadline: float) -> dict | None:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        try:
            return self.kc.get_iopub_msg(timeout=min(remaining, 1.0))
        except queue.Empty:
            return None

    def kernel_log(self) -> str:
        return Path(self.log.name).read_text(errors="replace")

    def wait_for(self, predicate, timeout: float = 30.0, what: str = "a message", keep: bool = False) -> dict:
        """The first iopub message (backlog first) that satisfies predicate; it is removed from the
        backlog unless keep (a broadcast frame that other views still have to read)."""
        for i, m in enumerate(self.backlog):
            if predicate(m):
                return m if keep else self.backlog.pop(i)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            m = self._next_iopub(deadline)
            if m is None:
                continue
            if predicate(m):
                if keep:
                    self.backlog.append(m)
                return m
            self.backlog.append(m)
        raise AssertionError(f"timed out after {timeout}s waiting for {what}")

    def drain(self) -> None:
        """Moves every iopub message already queued into the backlog."""
        while True:
            try:
                self.backlog.append(self.kc.get_iopub_msg(timeout=0.05))
            except queue.Empty:
                return

    # ---- cells ------------------------------------------------------------------------------
    def execute(self, code: str, timeout: float = 120.0, allow_error: bool = False) -> "Cell":
        msg_id = self.kc.execute(code)
        reply = self.kc.get_shell_msg(timeout=timeout)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=timeout)
        cell_msgs = []
        idle = self.wait_for(lambda m: m["parent_header"].get("msg_id") == msg_id
                             and m["msg_type"] == "status" and m["content"]["execution_state"] == "idle",
                             timeout, "the cell's idle status")
        # everything parented to this cell that arrived before idle is the cell's output;
        # comm traffic also stays in the backlog for wait_for
        keep = []
        for m in self.backlog:
            mine = m["parent_header"].get("msg_id") == msg_id
            if mine:
                cell_msgs.append(m)
            if not mine or m["msg_type"].startswith("comm_"):
                keep.append(m)
        self.backlog = keep
        cell = Cell(code, reply, cell_msgs + [idle])
        if not allow_error and reply["content"]["status"] != "ok":
            raise AssertionError(f"cell failed: {code}\n{reply['content']}\n{cell.stderr}")
        return cell

    # ---- comms as a front end -----------------------------------------------------------------
    def comm_msg(self, comm_id: str, data: dict) -> str:
        msg = self.kc.session.msg("comm_msg", {"comm_id": comm_id, "data": data})
        self.kc.shell_channel.send(msg)
        return msg["header"]["msg_id"]

    def comm_open(self, target: str, data: dict | None = None, metadata: dict | None = None) -> str:
        comm_id = uuid.uuid4().hex
        msg = self.kc.session.msg("comm_open", {"comm_id": comm_id, "target_name": target, "data": data or {}},
                                  metadata=metadata or {})
        self.kc.shell_channel.send(msg)
        return comm_id

    def custom(self, comm_id: str, content: dict) -> str:
        return self.comm_msg(comm_id, {"method": "custom", "content": content})

    def wait_custom(self, comm_id: str, pred=lambda c: True, timeout: float = 30.0, what: str = "a custom message") -> dict:
        m = self.wait_for(lambda m: m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == comm_id
                          and m["content"]["data"].get("method") == "custom" and pred(m["content"]["data"]["content"]),
                          timeout, what)
        return m["content"]["data"]["content"]

    def wire(self, comm_id: str, view: str, pred=lambda f: True, timeout: float = 30.0, what: str = "a frame") -> dict:
        """The next protocol frame one view applies (addressed to it, or to every view), parsed. A
        frame for every view stays in the backlog for the other views, marked as read by this one."""
        read = self.read_by.setdefault((comm_id, view), set())

        def wanted(m):
            if m["msg_type"] != "comm_msg" or m["content"]["comm_id"] != comm_id or m["header"]["msg_id"] in read:
                return False
            data = m["content"]["data"]
            c = data.get("content") if data.get("method") == "custom" else None
            return c is not None and "wire" in c and c.get("view") in (view, None) and pred(json.loads(c["wire"]))

        m = self.wait_for(wanted, timeout, what, keep=True)
        c = m["content"]["data"]["content"]
        if c.get("view") is None:
            read.add(m["header"]["msg_id"])
        else:
            self.backlog.remove(m)
        return json.loads(c["wire"])


class Cell:
    def __init__(self, code: str, reply: dict, msgs: list[dict]):
        self.code, self.reply, self.msgs = code, reply, msgs

    def of_type(self, t: str) -> list[dict]:
        return [m for m in self.msgs if m["msg_type"] == t]

    @property
    def stdout(self) -> str:
        return "".join(m["content"]["text"] for m in self.of_type("stream") if m["content"]["name"] == "stdout")

    @property
    def stderr(self) -> str:
        return "".join(m["content"]["text"] for m in self.of_type("stream") if m["content"]["name"] == "stderr")

    def bundles(self) -> list[dict]:
        return [m["content"]["data"] for m in self.msgs if m["msg_type"] in ("display_data", "execute_result")]
