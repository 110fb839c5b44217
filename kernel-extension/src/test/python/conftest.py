"""Shared fixtures: one real JJava kernel with the transports extension per test module."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from kernel_harness import Kernel  # noqa: E402

PRELUDE = """
import io.transports.*;
import io.transports.jupyter.*;
import java.time.Duration;
public class Device {
    public String name;
    public boolean on;
    public Device() {}
    public Device(String name) { this.name = name; }
    public Device(String name, boolean on) { this.name = name; this.on = on; }
    public String toString() { return "Device[name=" + name + ", on=" + on + "]"; }
}
public class Meter { public String label = "m"; public int count; public double level; }
"""


@pytest.fixture(scope="module")
def kernel():
    with Kernel() as k:
        k.execute(PRELUDE)
        yield k
