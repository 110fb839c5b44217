package io.transports.backplane;

import io.transports.backplane.support.RedisProcess;
import org.junit.jupiter.api.AfterAll;

/** HubReplicationTest on a real redis-server started for the test class (skipped outside CI when missing). */
class RedisHubReplicationTest extends HubReplicationTest {
    private static RedisProcess redis;

    @Override Backplane open() throws Exception {
        if (redis == null) redis = RedisProcess.start();
        return Backplanes.open(redis.url());
    }

    @Override void cleanStore() throws Exception {
        try (var c = io.lettuce.core.RedisClient.create(redis.url()).connect()) { c.sync().flushall(); }
    }

    @AfterAll static void stop() throws Exception {
        if (redis != null) redis.close();
        redis = null;
    }
}
