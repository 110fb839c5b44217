"""Schemas on the widget channel and proposals a form makes, against the real kernel (issue 7).

A view says ready and must get {"schema": {...}, "view": id} before the first snapshot of each model;
a model hosted later gets its schema before its first frame; two widgets of one server each get theirs.
Bean Validation ships in the extension jar, so a notebook class can use @Min/@Max/... with nothing
added, and a proposal breaking one is refused naming the path and the message. Structural edits (Insert,
RemoveAt, Move, map Set/Remove, Set null) reach the Java object or are refused with a reason.
"""
import json

import pytest

from kernel_harness import Kernel

CLASSES = """
import io.transports.*;
import io.transports.jupyter.*;
import jakarta.validation.constraints.*;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.*;
public enum Mode { ECO, NORMAL, TURBO }
public record Item(String title, int qty) {}
public class Rig {
    public String title = "rig";
    @Min(0) @Max(100) public int speed = 10;
    public double temperature = 21.0;
    public Mode mode = Mode.ECO;
    public List<Item> items = new ArrayList<>(List.of(new Item("a", 1), new Item("b", 2), new Item("c", 3)));
    public Map<String, Integer> stock = new LinkedHashMap<>(Map.of("bolts", 4));
    public Optional<String> note = Optional.of("hi");
    public LocalDate serviced = LocalDate.of(2026, 1, 2);
    public BigDecimal price = new BigDecimal("9.5");
}
"""


@pytest.fixture(scope="module")
def kernel():
    with Kernel() as k:
        k.execute(CLASSES)
        yield k


def widget(kernel, code):
    cell = kernel.execute(code)
    opens = [m for m in cell.of_type("comm_open") if m["content"]["target_name"] == "jupyter.widget"]
    assert len(opens) == 1, cell.stderr
    return opens[0]["content"]["comm_id"]


def next_for_view(kernel, cid, view, what):
    """The next custom message this view reads (a schema or a wire frame, addressed to it or, for a
    patch, to every view), in arrival order. The tests using it have one view, so it is consumed."""
    return kernel.wait_custom(cid, lambda c: c.get("view") in (view, None), what=what)


def propose(kernel, cid, view, *ops):
    kernel.custom(cid, {"wire": json.dumps({"t": "patch", "id": 1, "patch": {"rev": 0, "ops": list(ops)}}), "view": view})


def path(*steps):
    return [{"Index": s} if isinstance(s, int) else {"Key": s} for s in steps]


def java(kernel, expr):
    return kernel.execute(f"System.out.println({expr});").stdout.strip()


def test_schema_comes_before_the_first_snapshot_and_describes_the_class(kernel):
    cid = widget(kernel, "var rig1 = new Rig(); var w1 = Widget.of(rig1);")
    kernel.custom(cid, {"ready": True, "view": "v"})
    first = next_for_view(kernel, cid, "v", "the schema")
    assert "schema" in first and "wire" not in first, first
    schema = first["schema"]["1"]
    assert schema["x-order"] == ["title", "speed", "temperature", "mode", "items", "stock", "note", "serviced", "price"]
    props = schema["properties"]
    assert props["speed"]["format"] == "int32" and props["speed"]["maximum"] == 100
    assert props["speed"]["x-messages"]["maximum"] == "must be less than or equal to 100"
    assert props["temperature"]["format"] == "double"
    assert schema["$defs"]["Mode"]["enum"] == ["ECO", "NORMAL", "TURBO"]
    assert props["items"]["anyOf"][0]["items"]["default"] == {"qty": 0, "title": ""}
    assert props["note"]["anyOf"][1] == {"type": "null"}
    assert props["serviced"]["anyOf"][0]["format"] == "date"
    assert props["price"]["anyOf"][0]["format"] == "big-decimal"
    snap = json.loads(next_for_view(kernel, cid, "v", "the snapshot")["wire"])
    assert snap["t"] == "snapshot" and snap["id"] == 1


def test_a_model_hosted_later_gets_its_schema_before_its_first_frame(kernel):
    cid = widget(kernel, "var s2 = new Session(); s2.host(new Rig()); var w2 = Widget.of(s2);")
    kernel.custom(cid, {"ready": True, "view": "v"})
    assert "schema" in next_for_view(kernel, cid, "v", "schema 1")
    assert json.loads(next_for_view(kernel, cid, "v", "snapshot 1")["wire"])["t"] == "snapshot"
    kernel.execute("var item2 = new Item(\"x\", 1); s2.host(new Rig()); ((Rig) s2.hosted(2)).speed = 5;")
    later = next_for_view(kernel, cid, "v", "the new model's schema")
    assert list(later.get("schema", {})) == ["2"], later
    frame = json.loads(next_for_view(kernel, cid, "v", "the new model's first frame")["wire"])
    assert frame["id"] == 2


def test_two_widgets_of_one_server_each_get_schemas(kernel):
    kernel.execute("var s3 = new Session(); s3.host(new Rig());")
    a = widget(kernel, "var w3a = Widget.of(s3);")
    b = widget(kernel, "var w3b = Widget.of(s3);")
    assert kernel.execute("System.out.println(w3a.server() == w3b.server());").stdout.strip() == "true"
    for cid in (a, b):
        kernel.custom(cid, {"ready": True, "view": "v"})
        assert "1" in next_for_view(kernel, cid, "v", "schema")["schema"]
        assert json.loads(next_for_view(kernel, cid, "v", "snapshot")["wire"])["t"] == "snapshot"


def test_a_proposal_breaking_a_constraint_is_refused_with_path_and_message(kernel):
    cid = widget(kernel, "var rig4 = new Rig(); var w4 = Widget.of(rig4);")
    kernel.custom(cid, {"ready": True, "view": "v"})
    kernel.wire(cid, "v", lambda f: f["t"] == "snapshot")
    propose(kernel, cid, "v", {"Set": {"path": path("speed"), "value": {"Int": 101}}})
    rej = kernel.wire(cid, "v", lambda f: f["t"] == "reject", what="the reject")
    assert rej["error"] == "at speed: must be less than or equal to 100"
    assert java(kernel, "rig4.speed") == "10"
    propose(kernel, cid, "v", {"Set": {"path": path("speed"), "value": {"Int": 100}}})
    kernel.wire(cid, "v", lambda f: f["t"] == "patch", what="the echo")
    assert java(kernel, "rig4.speed") == "100"
    kernel.execute("rig4.speed = 500;")  # the host is not validated
    assert kernel.wire(cid, "v", lambda f: f["t"] == "patch")["patch"]["ops"][0]["Set"]["value"] == {"Int": 500}


def test_structural_edits_each_op_kind(kernel):
    cid = widget(kernel, "var rig5 = new Rig(); var w5 = Widget.of(rig5);")
    kernel.custom(cid, {"ready": True, "view": "v"})
    kernel.wire(cid, "v", lambda f: f["t"] == "snapshot")

    def accepted(*ops):
        propose(kernel, cid, "v", *ops)
        f = kernel.wire(cid, "v", lambda f: f["t"] in ("patch", "reject"), what=f"answer to {ops}")
        assert f["t"] == "patch", f

    def refused(containing, *ops):
        propose(kernel, cid, "v", *ops)
        f = kernel.wire(cid, "v", lambda f: f["t"] in ("patch", "reject"), what=f"answer to {ops}")
        assert f["t"] == "reject" and containing in f["error"], f

    new_item = {"Map": {"title": {"Str": "new"}, "qty": {"Int": 0}}}
    accepted({"Insert": {"path": path("items"), "index": 1, "value": new_item}})
    accepted({"Move": {"path": path("items"), "from": 0, "to": 3}})
    accepted({"RemoveAt": {"path": path("items"), "index": 1}})
    assert java(kernel, "rig5.items.stream().map(Item::title).toList()") == "[new, c, a]"
    refused("items[0].qty", {"Insert": {"path": path("items"), "index": 0,
                                        "value": {"Map": {"title": {"Str": "x"}, "qty": {"Str": "many"}}}}})
    accepted({"Set": {"path": path("stock", "nuts"), "value": {"Int": 7}}})
    accepted({"Remove": {"path": path("stock", "bolts")}})
    assert java(kernel, "rig5.stock") == "{nuts=7}"
    accepted({"Set": {"path": path("note"), "value": "Null"}})
    assert java(kernel, "rig5.note") == "Optional.empty"
    accepted({"Set": {"path": path("mode"), "value": {"Str": "TURBO"}}})
    refused("mode", {"Set": {"path": path("mode"), "value": {"Str": "FAST"}}})
    assert java(kernel, "rig5.mode") == "TURBO"
    accepted({"Set": {"path": path("serviced"), "value": {"Str": "2026-03-04"}}})
    refused("serviced", {"Set": {"path": path("serviced"), "value": {"Str": "tomorrow"}}})
    accepted({"Set": {"path": path("price"), "value": {"Float": 12.25}}})
    assert java(kernel, "rig5.serviced + \" \" + rig5.price") == "2026-03-04 12.25"
