package io.transports.backplane;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The backplane of several processes: Redis, through Lettuce. Per model a stream
 * {@code transports:{model}:log} whose entry ids are the revisions ({@code <rev>-0}; Redis refuses an
 * id that is not above the last one, so a revision is claimed once), a hash
 * {@code transports:{model}:snapshot} (rev and snapshot JSON) and a fencing key; per lease a holder key
 * set with {@code SET NX PX} and a token counter. Two connections: one for commands, one for the
 * blocking {@code XREAD} that tails the logs. Lettuce reconnects by itself; while Redis is away, a
 * command waits up to the command timeout and then fails with a {@link BackplaneException}.
 */
public final class RedisBackplane implements Backplane {
    /**
     * How far above its state a process re-seeds a model after Redis lost its data (2^32 revisions):
     * clients may hold revisions up to the lost log's end, which no process knows; numbering the new
     * life from here means none of them is handed out again with other content (unless some process was
     * more than 2^32 revisions ahead of the one that re-seeds). Revisions stay below 2^53, safe in JavaScript,
     * for two million such losses.
     */
    public static final long RESEED_GAP = 1L << 32;

    /** How long a command may wait for Redis (also across a reconnect) before it fails. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final String described;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> commandConnection;
    private final StatefulRedisConnection<String, String> tailConnection;
    private final RedisCommands<String, String> redis;
    private final RedisCommands<String, String> tail;
    /** How long Redis may still run a claim after it was issued: half the command timeout (see {@link #appendEntry}). */
    private final long claimBudgetMillis;
    /** Redis's clock minus this process's, measured with {@code TIME} at connect and again after a late claim. */
    private volatile long redisClockAheadMillis;

    /**
     * Connect to {@code redis://host:port/db} (a {@code timeout} query parameter such as
     * {@code ?timeout=2s} sets the command timeout).
     *
     * @throws BackplaneException naming the address when Redis cannot be reached now
     */
    public RedisBackplane(String url) {
        RedisURI uri;
        try {
            uri = RedisURI.create(url);
        } catch (RuntimeException e) {
            throw new BackplaneException("not a Redis URL: " + url + " (" + e.getMessage() + ")", e);
        }
        if (!url.contains("timeout=")) uri.setTimeout(DEFAULT_TIMEOUT);
        this.described = "redis://" + uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
        this.claimBudgetMillis = Math.max(1, uri.getTimeout().toMillis() / 2);
        // a claim issued while Redis is away waits for the reconnect and must still reach Redis within its budget
        // once Redis is back: Lettuce's default reconnect delay grows to 30 s, so it is capped at a fifth of the budget
        Duration reconnectAtMost = Duration.ofMillis(Math.max(10, Math.min(1000, claimBudgetMillis / 5)));
        this.resources = ClientResources.builder()
                .reconnectDelay(() -> Delay.exponential(Duration.ofMillis(1), reconnectAtMost, 2, TimeUnit.MILLISECONDS)).build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .socketOptions(SocketOptions.builder().connectTimeout(uri.getTimeout()).build())
                .timeoutOptions(TimeoutOptions.enabled(uri.getTimeout()))
                .build());
        StatefulRedisConnection<String, String> c = null;
        try {
            c = client.connect();
            this.commandConnection = c;
            this.tailConnection = client.connect();
        } catch (RuntimeException e) {
            if (c != null) c.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            resources.shutdown(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
            throw new BackplaneException("cannot reach Redis at " + described + ": " + rootMessage(e), e);
        }
        this.redis = commandConnection.sync();
        this.tail = tailConnection.sync();
        try {
            measureClock();
        } catch (BackplaneException e) {
            close();
            throw e;
        }
    }

    /**
     * Measure how far Redis's clock is ahead of this process's (the middle of a {@code TIME} round trip),
     * so a claim's deadline can be written in Redis's clock.
     */
    private void measureClock() {
        long sent = System.currentTimeMillis();
        List<String> t = call("read the clock", () -> redis.time());
        long received = System.currentTimeMillis();
        long redisNow = Long.parseLong(t.get(0)) * 1000 + Long.parseLong(t.get(1)) / 1000;
        redisClockAheadMillis = redisNow - (sent + received) / 2;
    }

    static String logKey(String model) { return "transports:{" + model + "}:log"; }

    static String snapshotKey(String model) { return "transports:{" + model + "}:snapshot"; }

    static String fenceKey(String model) { return "transports:{" + model + "}:fence"; }

    static String holderKey(String lease) { return "transports:{lease." + lease + "}:holder"; }

    static String tokensKey(String lease) { return "transports:{lease." + lease + "}:tokens"; }

    private static String entryId(long rev) { return rev + "-0"; }

    private static long revOf(String entryId) { return Long.parseLong(entryId.substring(0, entryId.indexOf('-'))); }

    /**
     * Claim the entry's revision. A claim this process gave up on (the command timed out: the session
     * emitted nothing and keeps its change pending) must never land later. Without a guard it did
     * whenever Redis ran the command after the client's timeout: Redis busy, or Redis back from a restart
     * just as the command timed out (Lettuce keeps a command issued while the connection is down and
     * sends it after the reconnect). The abandoned claim took its revision with the stale value, this
     * process's next claim of that revision lost to it and adopted it over its newer change to the same
     * field (RedisLateClaimTest; RedisRestartTest once ended at 204 instead of 205). So every claim
     * carries a deadline in Redis's clock, half the command timeout after it is issued, and the script
     * refuses it ({@code LATE}, nothing written) once Redis's {@code TIME} is past it. A claim that ran had at least the other half of the timeout to answer,
     * so the caller sees its outcome; one that did not run by then never will. Lettuce's reconnect delay
     * is capped at a fifth of that budget, so a claim waiting for the reconnect is not refused merely
     * because Lettuce was slow to notice that Redis is back.
     *
     * <p>Why a deadline and not {@code disconnectedBehavior(REJECT_COMMANDS)}: rejecting does nothing for
     * a command already sent (waiting behind a busy Redis, or in flight when the connection dropped,
     * which Lettuce sends again after the reconnect), and it makes every
     * command fail at once while Lettuce reconnects (a flush or proposal just after Redis is back) where
     * waiting up to the timeout succeeds. Why not a token per claim that the loser recognises as its own:
     * it could tell, but the session adopts what won by writing it into the object, which is exactly what
     * overwrites the newer change; refusing the late claim in Redis keeps the log free of it for every
     * process. What remains: an answer delayed by more than half the timeout after the script ran (a
     * network stall or a paused JVM) is still a claim that landed while the caller gave up, and a clock
     * step on either side between measurements moves the deadline (a step that puts Redis ahead makes
     * claims refused, not accepted, and the clock is measured again after each refusal).
     */
    @Override public List<LogEntry> appendEntry(String model, LogEntry entry, StoredSnapshot seed) {
        String json = Wire.patch(entry.patch());
        String note = entry.note() == null ? "" : entry.note();
        long deadline = System.currentTimeMillis() + redisClockAheadMillis + claimBudgetMillis;
        List<Object> outcome = call("append revision " + entry.rev() + " of " + model, () -> redis.eval(RedisScripts.APPEND,
                ScriptOutputType.MULTI, new String[] {logKey(model), snapshotKey(model)},
                entryId(entry.rev()), json, entryId(entry.rev() - 1), note, Long.toString(entry.rev()), Long.toString(deadline)));
        String kind = String.valueOf(outcome.get(0));
        switch (kind) {
            case "OK": return null;
            case "LATE": {
                long lateBy = Long.parseLong(String.valueOf(outcome.get(1))) - deadline;
                try {
                    measureClock(); // in case Redis's clock moved (another server, a clock step) rather than the claim being slow
                } catch (BackplaneException e) {
                    // Redis went away again: the next claim fails on its own
                }
                throw new BackplaneException("Redis at " + described + " refused revision " + entry.rev() + " of " + model
                        + ": the claim reached it " + lateBy + " ms after its deadline (" + claimBudgetMillis
                        + " ms, half the command timeout); nothing was logged");
            }
            case "TAKEN": {
                List<LogEntry> missed = new ArrayList<>((outcome.size() - 1) / 2);
                for (int i = 1; i + 1 < outcome.size(); i += 2) {
                    missed.add(new LogEntry(Wire.patch(model, String.valueOf(outcome.get(i))), String.valueOf(outcome.get(i + 1))));
                }
                if (missed.isEmpty() || missed.get(0).rev() != entry.rev()) throw new LogGapException("model " + model
                        + ": revision " + entry.rev() + " is taken but not logged (the log was trimmed or replaced); reload the model");
                return missed;
            }
            case "LOST": {
                if (seed == null) throw new BackplaneException("model " + model + " has no stored state in " + described);
                // the store lost its data: revisions handed out before may be anywhere up to the lost log's end, and
                // clients hold them; the model comes back far above them (ours, or another process's seed)
                StoredSnapshot above = new StoredSnapshot(seed.type(), seed.rev() + RESEED_GAP, seed.value());
                boolean ours = create(model, above);
                throw new LogGapException("model " + model + ": Redis at " + described + " lost its data; "
                        + (ours ? "re-seeded it from this process's state at revision " + seed.rev() + " as revision " + above.rev()
                                : "another process re-seeded it") + " (" + RESEED_GAP + " above, so no revision handed out before is"
                        + " numbered again); reload the model");
            }
            case "GAP": throw new LogGapException("model " + model + ": revision " + entry.rev() + " does not follow the log's last, "
                    + outcome.get(1) + ": the store lost its data and the model was re-seeded since; reload the model");
            default: throw new BackplaneException("Redis at " + described + " refused revision " + entry.rev()
                    + " of " + model + ": " + outcome);
        }
    }

    private static LogEntry entryOf(String model, StreamMessage<String, String> m) {
        return new LogEntry(Wire.patch(model, m.getBody().get("p")), m.getBody().get("n"));
    }

    @Override public List<LogEntry> readEntries(String model, long afterRev) {
        List<StreamMessage<String, String>> got = call("read the log of " + model, () -> redis.xrange(logKey(model),
                Range.from(Range.Boundary.excluding(entryId(afterRev)), Range.Boundary.unbounded())));
        List<LogEntry> out = new ArrayList<>(got.size());
        for (StreamMessage<String, String> m : got) out.add(entryOf(model, m));
        return out;
    }

    @SuppressWarnings("unchecked")
    @Override public Map<String, List<LogEntry>> awaitEntries(Map<String, Long> afterRevs, Duration timeout) {
        Map<String, List<LogEntry>> out = new LinkedHashMap<>();
        if (afterRevs.isEmpty()) return out;
        XReadArgs.StreamOffset<String>[] offsets = new XReadArgs.StreamOffset[afterRevs.size()];
        Map<String, String> modelOfKey = new LinkedHashMap<>();
        int i = 0;
        for (var e : afterRevs.entrySet()) {
            offsets[i++] = XReadArgs.StreamOffset.from(logKey(e.getKey()), entryId(e.getValue()));
            modelOfKey.put(logKey(e.getKey()), e.getKey());
        }
        List<StreamMessage<String, String>> got = call("tail the logs", () ->
                tail.xread(XReadArgs.Builder.block(timeout).count(1000), offsets));
        if (got == null) return out;
        for (StreamMessage<String, String> m : got) {
            String model = modelOfKey.get(m.getStream());
            out.computeIfAbsent(model, k -> new ArrayList<>()).add(entryOf(model, m));
        }
        return out;
    }

    @Override public StoredSnapshot snapshot(String model) {
        String json = call("read the snapshot of " + model, () -> redis.hget(snapshotKey(model), "json"));
        return json == null ? null : Wire.snapshot(model, json);
    }

    @Override public boolean create(String model, StoredSnapshot initial) {
        Long r = call("store the first snapshot of " + model, () -> redis.eval(RedisScripts.CREATE, ScriptOutputType.INTEGER,
                new String[] {logKey(model), snapshotKey(model)}, Long.toString(initial.rev()), Wire.snapshot(initial)));
        return r != null && r == 1;
    }

    @Override public boolean storeSnapshot(String model, StoredSnapshot snapshot, String lease, long token) {
        Long r = call("store a snapshot of " + model, () -> redis.eval(RedisScripts.STORE_SNAPSHOT, ScriptOutputType.INTEGER,
                new String[] {snapshotKey(model), fenceKey(model)}, Long.toString(token), Long.toString(snapshot.rev()),
                Wire.snapshot(snapshot)));
        return r != null && r == 1;
    }

    @Override public boolean trim(String model, long keepFromRev, String lease, long token) {
        Long r = call("trim the log of " + model, () -> redis.eval(RedisScripts.TRIM, ScriptOutputType.INTEGER,
                new String[] {logKey(model), fenceKey(model)}, Long.toString(token), Long.toString(keepFromRev)));
        return r != null && r == 1;
    }

    @Override public long lastRev(String model) {
        List<StreamMessage<String, String>> last = call("read the log of " + model,
                () -> redis.xrevrange(logKey(model), Range.unbounded(), io.lettuce.core.Limit.from(1)));
        return last == null || last.isEmpty() ? -1 : revOf(last.get(0).getId());
    }

    @Override public long acquire(String lease, Duration ttl) {
        Long t = call("take the lease " + lease, () -> redis.eval(RedisScripts.ACQUIRE, ScriptOutputType.INTEGER,
                new String[] {holderKey(lease), tokensKey(lease)}, Long.toString(ttl.toMillis())));
        return t == null ? 0 : t;
    }

    @Override public boolean renew(String lease, long token, Duration ttl) {
        Long r = call("renew the lease " + lease, () -> redis.eval(RedisScripts.RENEW, ScriptOutputType.INTEGER,
                new String[] {holderKey(lease)}, Long.toString(token), Long.toString(ttl.toMillis())));
        return r != null && r == 1;
    }

    @Override public void release(String lease, long token) {
        call("release the lease " + lease, () -> redis.eval(RedisScripts.RELEASE, ScriptOutputType.INTEGER,
                new String[] {holderKey(lease)}, Long.toString(token)));
    }

    @Override public String describe() { return described; }

    @Override public void close() {
        tailConnection.close();
        commandConnection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /** Run a command; Lettuce's failures become a BackplaneException that says what was being done and where. */
    private <T> T call(String what, Supplier<T> command) {
        try {
            return command.get();
        } catch (RedisException e) {
            throw new BackplaneException("could not " + what + " in Redis at " + described + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t.getMessage();
        return t == e ? String.valueOf(m) : e.getMessage() + " (" + t.getClass().getSimpleName() + ": " + m + ")";
    }
}
