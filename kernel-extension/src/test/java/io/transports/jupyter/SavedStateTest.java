package io.transports.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.transports.Session;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a saved notebook keeps of a widget: the last synced values in the widget state (throttled,
 * sent only when a revision changed, too-large models left out and counted), and a static HTML copy
 * for viewers without widgets, escaped and cut short for big models. The comm is a fake (no kernel in
 * a unit test); the end-to-end test reopens a saved notebook in JupyterLab.
 */
class SavedStateTest {
    public static class Lamp {
        public String name = "lamp";
        public boolean on;
    }

    public static class Big {
        public List<String> lines = new ArrayList<>();
    }

    @Test void theStateCarriesTheLastValuesAtMostEveryTwoSecondsUnlessACellEnded() {
        Session session = new Session();
        Lamp lamp = new Lamp();
        session.host(lamp);
        SavedState saved = new SavedState();
        JsonObject first = saved.next(session, false, 10_000);
        assertEquals(1, first.getAsJsonArray("frames").size());
        assertTrue(first.getAsJsonArray("frames").get(0).getAsString().startsWith("{\"t\":\"snapshot\",\"id\":1,"));
        assertNull(saved.next(session, true, 10_001), "nothing changed");
        lamp.on = true;
        session.drain();
        assertNull(saved.next(session, false, 11_000), "too soon");
        JsonObject later = saved.next(session, false, 12_001);
        assertTrue(later.getAsJsonArray("frames").get(0).getAsString().contains("\"on\":{\"Bool\":true}"), later.toString());
        lamp.on = false;
        session.drain();
        assertFalse(saved.next(session, true, 12_002) == null, "a cell ended: sent at once");
    }

    @Test void aModelTooLargeToSaveIsLeftOutAndCounted() {
        Session session = new Session();
        Big big = new Big();
        for (int i = 0; i < 40_000; i++) big.lines.add("line number " + i);
        session.host(new Lamp());
        session.host(big);
        JsonObject s = new SavedState().next(session, true, 0);
        assertEquals(1, s.getAsJsonArray("frames").size());
        assertEquals(1, s.get("omitted").getAsInt());
    }

    @Test void aWidgetSendsItsLastValuesAsAStateUpdate() {
        Notebook nb = FakeChannel.notebook();
        Session session = new Session();
        Lamp lamp = new Lamp();
        session.host(lamp);
        Widget w = Widget.open(nb, nb.serverOf(session), false);
        assertTrue(w.state().getAsJsonObject("saved").toString().contains("lamp"), "in the comm_open state");
        FakeChannel c = (FakeChannel) w.comm();
        lamp.name = "desk";
        nb.syncAll();
        nb.saveStates(true);
        assertEquals(1, c.updates.size());
        assertTrue(c.updates.get(0).getAsJsonObject("saved").toString().contains("desk"));
        assertTrue(w.state().getAsJsonObject("saved").toString().contains("desk"), "request_state answers with it");
        nb.saveStates(true);
        assertEquals(1, c.updates.size(), "unchanged: not sent again");
    }

    @Test void theStaticCopyIsEscapedAndCutShort() {
        Session session = new Session();
        Lamp lamp = new Lamp();
        lamp.name = "<script>alert('x')</script> & co";
        session.host(lamp);
        String html = StaticHtml.of(session, "Widget(<id>)");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"), html);
        assertFalse(html.contains("<script"), html);
        assertTrue(html.contains("Widget(&lt;id&gt;)"));
        Session bigSession = new Session();
        Big big = new Big();
        for (int i = 0; i < 5_000; i++) big.lines.add("line " + i);
        bigSession.host(big);
        String cut = StaticHtml.of(bigSession, "big");
        assertTrue(cut.contains("line 1997"), "the first nodes are shown");
        assertFalse(cut.contains("line 4999"));
        assertTrue(cut.contains("… 3002 more values not shown"), cut.substring(cut.length() - 200));
    }
}
