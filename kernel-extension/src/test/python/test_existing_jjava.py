"""The extension in a plain JJava installation: the stock "java" kernelspec of the jjava package,
with our jar added from a cell by %classpath. Widgets and the control comm then work as usual."""
import glob

from kernel_harness import ROOT, Kernel


def extension_jar() -> str:
    jars = [j for j in glob.glob(str(ROOT / "kernel-extension/target/transports-kernel-extension-*.jar"))
            if "original" not in j]
    assert jars, "build the extension first (./install.sh)"
    return jars[0]


def test_classpath_magic_activates_the_extension_in_a_stock_jjava_kernel():
    with Kernel(name="java") as k:
        k.execute(f"%classpath {extension_jar()}")
        ctl = k.comm_open("jupyter.widget.control", {}, {"version": "1.0.0"})
        k.comm_msg(ctl, {"method": "request_states"})
        reply = k.wait_for(lambda m: m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == ctl, what="update_states")
        assert reply["content"]["data"]["method"] == "update_states"
        cell = k.execute('import io.transports.jupyter.*;\n'
                         'public class Lamp { public String name = "lamp"; public boolean on; }\n'
                         'var lamp = new Lamp();\nvar w = Widget.of(lamp);\nw')
        opened = [m for m in cell.of_type("comm_open") if m["content"]["target_name"] == "jupyter.widget"]
        assert len(opened) == 1
        cid = opened[0]["content"]["comm_id"]
        k.custom(cid, {"ready": True, "view": "v"})
        assert k.wire(cid, "v")["t"] == "snapshot"
        cell = k.execute('lamp.on = true;')
        assert any(m["content"]["comm_id"] == cid for m in cell.of_type("comm_msg")), "the after-cell hook works here too"
