package io.transports.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.transports.value.Path;
import org.junit.jupiter.api.Test;

/** BridgeException: the message names the path, then the reason. */
class BridgeExceptionTest {

    @Test void messageNamesThePathThenTheReason() {
        BridgeException e = new BridgeException(Path.parse("items", 2, "price"), "NaN cannot travel");
        assertEquals("at items[2].price: NaN cannot travel", e.getMessage());
        assertEquals("NaN cannot travel", e.reason());
        assertEquals(Path.parse("items", 2, "price"), e.path());
    }

    @Test void theRootIsShownAsRoot() {
        Throwable cause = new IllegalStateException("x");
        BridgeException e = new BridgeException(Path.ROOT, "bad", cause);
        assertEquals("at <root>: bad", e.getMessage());
        assertSame(cause, e.getCause());
    }
}
