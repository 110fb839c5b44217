package io.transports.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The resume point's text form: strict parsing with reasons, and the form clients send. */
class SinceParamTest {
    @Test void parsesAnObjectOfModelIdToRevision() {
        assertEquals(Map.of(1L, 12L, 2L, 3L), SinceParam.parse("{\"1\":12,\"2\":3}"));
        assertEquals(Map.of(), SinceParam.parse("{}"));
    }

    @Test void absentOrBlankMeansNoResume() {
        assertNull(SinceParam.parse(null));
        assertNull(SinceParam.parse(" "));
    }

    @Test void refusesWhatIsNotAResumePointAndSaysWhy() {
        for (String bad : new String[] {"12", "{\"0\":1}", "{\"01\":1}", "{\"1\":1.5}", "{\"1\":null}", "{\"99999999999999999999\":1}", "{\"1\":1"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> SinceParam.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("bad since: "), e.getMessage());
            assertTrue(WebSocketChannel.fit(e.getMessage()).equals(e.getMessage()), "fits a close frame: " + e.getMessage());
        }
    }

    @Test void formatsWhatClientsSend() {
        Map<Long, Long> since = new LinkedHashMap<>();
        since.put(1L, 12L);
        since.put(7L, 0L);
        assertEquals("{\"1\":12,\"7\":0}", SinceParam.format(since));
        assertEquals(since, SinceParam.parse(SinceParam.format(since)));
    }

    @Test void clientUrlsReplaceCodecAndSinceAndKeepTheRest() {
        assertEquals("ws://h/t?room=a&codec=cbor&since=%7B%221%22%3A4%7D",
                ClientUrls.with("ws://h/t?codec=json&room=a&since=old", "cbor", Map.of(1L, 4L)));
        assertEquals("ws://h/t", ClientUrls.with("ws://h/t", null, Map.of()));
    }

    @Test void closeReasonsAreCutToWhatACloseFrameHolds() {
        String longReason = "é".repeat(100);
        String fitted = WebSocketChannel.fit(longReason);
        assertTrue(fitted.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 123, fitted);
        assertTrue(fitted.endsWith("..."));
    }
}
