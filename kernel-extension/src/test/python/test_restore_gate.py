"""The kernel's side of "model not found" on reopening a saved notebook (kernel-extension
RestoreGate.java): a kernel with no widget yet holds its (empty) update_states answer until the page's
restore traffic has gone quiet, so a comm_info round trip that JupyterLab's full restore makes after
it (set_state) is answered first; a kernel with widgets answers at once. Real JJava, as a front end
would talk to it: a control comm's request_states with a comm_info_request behind it (the kernel-only
restore and the full restore's first request), then a second comm_info_request once the first is
answered (set_state). JJava stamps its replies to the minute only, so the order is read from what
has arrived: iopub messages already queued are drained when a reply comes."""
from kernel_harness import Kernel


def is_answer(m, ctl) -> bool:
    return m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == ctl


def comm_info(k: Kernel) -> dict:
    msg_id = k.kc.comm_info(target_name="jupyter.widget")
    reply = k.kc.get_shell_msg(timeout=30)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = k.kc.get_shell_msg(timeout=30)
    return reply


def test_an_empty_kernel_answers_request_states_after_the_restores_comm_info_round_trips():
    with Kernel() as k:
        ctl = k.comm_open("jupyter.widget.control", {}, {"version": "1.0.0"})
        k.comm_msg(ctl, {"method": "request_states"})
        comm_info(k)           # queued behind the control comm, as the page sends it
        second = comm_info(k)  # set_state's, sent once the first is answered
        k.drain()
        assert not any(is_answer(m, ctl) for m in k.backlog), "update_states came before set_state's comm_info was answered"
        answer = k.wait_for(lambda m: is_answer(m, ctl), what="update_states")
        assert answer["content"]["data"]["method"] == "update_states"
        assert answer["content"]["data"]["states"] == {}
        # comm_info replies never show the probe the kernel uses to see them
        assert "transports.comm-info-probe" not in str(second["content"])


def test_a_kernel_with_widgets_answers_request_states_at_once():
    with Kernel() as k:
        k.execute('import io.transports.jupyter.*;\npublic class Lamp { public String name = "lamp"; }\n'
                  'var w = Widget.of(new Lamp());\nw')
        ctl = k.comm_open("jupyter.widget.control", {}, {"version": "1.0.0"})
        k.comm_msg(ctl, {"method": "request_states"})
        comm_info(k)
        k.drain()
        assert any(is_answer(m, ctl) for m in k.backlog), "a kernel with widgets answers before the next request"
        answer = k.wait_for(lambda m: is_answer(m, ctl), what="update_states")
        assert len(answer["content"]["data"]["states"]) == 1
