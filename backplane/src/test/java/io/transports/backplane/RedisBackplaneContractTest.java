package io.transports.backplane;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.backplane.support.RedisProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** BackplaneContractTest on a real redis-server started for the test class (skipped outside CI when missing). */
class RedisBackplaneContractTest extends BackplaneContractTest {
    private static RedisProcess redis;

    @Override Backplane open() throws Exception {
        if (redis == null) redis = RedisProcess.start();
        return Backplanes.open(redis.url());
    }

    @AfterAll static void stop() throws Exception {
        if (redis != null) redis.close();
        redis = null;
    }

    @Test void anUnreachableRedisIsAClearError() throws Exception {
        int port = RedisProcess.freePort();
        BackplaneException e = assertThrows(BackplaneException.class, () -> Backplanes.open("redis://127.0.0.1:" + port + "/0?timeout=1s"));
        assertTrue(e.getMessage().contains("cannot reach Redis at redis://127.0.0.1:" + port + "/0"), e.getMessage());
    }

    @Test void anUnknownUrlIsAClearError() {
        BackplaneException e = assertThrows(BackplaneException.class, () -> Backplanes.open("mongodb://x"));
        assertTrue(e.getMessage().contains("unknown backplane URL 'mongodb://x'"), e.getMessage());
    }
}
