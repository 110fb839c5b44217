package io.transports;

import static org.junit.jupiter.api.Assertions.*;

import io.transports.patch.PatchException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientTest {
    static final String SNAP = "{\"t\":\"snapshot\",\"id\":1,\"type\":\"Device\",\"rev\":3,\"value\":{\"Map\":{\"name\":{\"Str\":\"lamp\"},\"on\":{\"Bool\":false}}}}";

    static String patch(long rev, String ops) { return "{\"t\":\"patch\",\"id\":1,\"patch\":{\"rev\":" + rev + ",\"ops\":" + ops + "}}"; }

    @Test
    void stalePatchesAreIgnored() {
        var c = new Client();
        c.recv(SNAP);
        assertTrue(c.recv(patch(3, "[{\"Set\":{\"path\":[{\"Key\":\"on\"}],\"value\":{\"Bool\":true}}}]")).isEmpty());
        assertFalse(c.model(1, Device.class).on);
        assertEquals(3, c.rev(1));
    }

    @Test
    void patchBeforeSnapshotIsAnError() {
        var c = new Client();
        assertThrows(IllegalStateException.class, () -> c.recv(patch(1, "[]")));
        assertEquals(List.of(), c.ids());
    }

    @Test
    void failedFrameLeavesMirrorAndRevisionAsTheyWere() {
        var c = new Client();
        c.recv(SNAP);
        var before = c.value(1);
        assertThrows(PatchException.class, () -> c.recv(patch(4,
                "[{\"Set\":{\"path\":[{\"Key\":\"on\"}],\"value\":{\"Bool\":true}}},{\"RemoveAt\":{\"path\":[{\"Key\":\"name\"}],\"index\":0}}]")));
        assertEquals(before, c.value(1));
        assertEquals(3, c.rev(1));
    }

    @Test
    void unknownMessageKindsAreIgnored() {
        var c = new Client();
        assertTrue(c.recv("{\"t\":\"presence\",\"id\":1}").isEmpty()); // (awareness is a known kind since the Hub)
    }

    @Test
    void changeListenersGetTheOps() {
        var c = new Client();
        List<Change> seen = new ArrayList<>();
        c.onChange(seen::add);
        c.recv(SNAP);
        c.recv(patch(4, "[{\"Set\":{\"path\":[{\"Key\":\"on\"}],\"value\":{\"Bool\":true}}}]"));
        assertEquals(2, seen.size());
        assertTrue(seen.get(0).isSnapshot());
        assertEquals(1, seen.get(1).ops().size());
        assertEquals(4, seen.get(1).rev());
    }

    @Test
    void aPatchThatFailsToApplyMarksTheMirrorForResyncUntilASnapshot() {
        var c = new Client();
        List<Resync> heard = new ArrayList<>();
        c.onResync(heard::add);
        c.recv(SNAP);
        assertEquals(java.util.Map.of(1L, 3L), c.revisions());
        assertThrows(PatchException.class, () -> c.recv(patch(4, "[{\"RemoveAt\":{\"path\":[{\"Key\":\"name\"}],\"index\":0}}]")));
        assertEquals(1, heard.size());
        assertEquals(1, heard.get(0).id());
        assertTrue(heard.get(0).reason().contains("patch rev 4"), heard.get(0).reason());
        assertEquals(java.util.Set.of(1L), c.needsResync().keySet());
        assertEquals(java.util.Map.of(), c.revisions(), "a resume must ask for a snapshot of the marked model");
        c.recv(SNAP.replace("\"rev\":3", "\"rev\":5"));
        assertEquals(java.util.Map.of(), c.needsResync());
        assertEquals(java.util.Map.of(1L, 5L), c.revisions());
    }

    @Test
    void aPatchBeforeItsSnapshotAndAnUnreadableFrameAreReportedToo() {
        var c = new Client();
        List<Resync> heard = new ArrayList<>();
        c.onResync(heard::add);
        assertThrows(IllegalStateException.class, () -> c.recv(patch(1, "[]")));
        assertEquals(1, heard.size());
        c.recv(SNAP);
        assertThrows(RuntimeException.class, () -> c.recv("{\"t\":\"patch\",\"id\":1,\"patch\":{"));
        assertEquals(2, heard.size(), "a frame that cannot be read could have been for any mirror");
        assertEquals(java.util.Set.of(1L), c.needsResync().keySet());
    }
}
