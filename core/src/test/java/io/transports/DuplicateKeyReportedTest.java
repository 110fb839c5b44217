package io.transports;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A real key collision (1 and "1" both become the text key "1") is still reported by a flush, with the
 * path and the reason, although a flush now walks again several times before it believes a duplicate
 * key (a map read mid-write by another thread can show one for a moment; see FlushRacesWritersTest).
 */
class DuplicateKeyReportedTest {
    public static class Holder { public Map<Object, Integer> counts = new HashMap<>(); }

    @Test
    void aRealCollisionOfMapKeysIsReportedByTheFlush() {
        Session session = new Session();
        Holder h = new Holder();
        session.host(h);
        h.counts.put(1, 10);
        h.counts.put("1", 11);
        UnsyncableException e = assertThrows(UnsyncableException.class, session::flush);
        assertTrue(e.getMessage().contains("counts") && e.getMessage().contains("two map keys both become \"1\""), e.getMessage());
    }
}
