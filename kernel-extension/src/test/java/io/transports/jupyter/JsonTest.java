package io.transports.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The comm layer's JSON chores: rejects that escape any reason, ids read from broken frames. */
class JsonTest {

    @Test
    void rejectEscapesTheReason() {
        assertEquals("{\"t\":\"reject\",\"id\":3,\"rev\":0,\"error\":\"bad \\\"quote\\\"\\n\"}",
                Json.reject(3, 0, "bad \"quote\"\n"));
    }

    @Test
    void modelIdOfABrokenFrameIsZero() {
        assertEquals(0, Json.modelId("not json"));
        assertEquals(0, Json.modelId("[1,2]"));
        assertEquals(0, Json.modelId("{\"id\":\"x\"}"));
        assertEquals(7, Json.modelId("{\"t\":\"patch\",\"id\":7}"));
    }

    @Test
    void protocolFramesMustBeObjects() {
        assertThrows(IllegalArgumentException.class, () -> Json.parseObject("[1]"));
        assertEquals("{\"Float\":1.0}", Json.parseObject("{\"Float\":1.0}").toString());
    }
}
