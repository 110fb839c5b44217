package io.transports.backplane;

/** Opens a backplane from configuration: a Redis URL, or nothing for the in-memory default. */
public final class Backplanes {
    private Backplanes() {}

    /**
     * {@code redis://host:port/db} (or {@code rediss://} for TLS) for Redis; null, empty or
     * {@code memory:} for a new in-memory backplane (one process).
     *
     * @throws BackplaneException for an unknown scheme, or when Redis cannot be reached
     */
    public static Backplane open(String url) {
        if (url == null || url.isBlank() || url.equals("memory:")) return new InMemoryBackplane();
        if (url.startsWith("redis://") || url.startsWith("rediss://")) return new RedisBackplane(url);
        throw new BackplaneException("unknown backplane URL '" + url + "': use redis://host:port/db, or nothing for in-memory");
    }
}
