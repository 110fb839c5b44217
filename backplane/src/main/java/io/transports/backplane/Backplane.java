package io.transports.backplane;

import io.transports.patch.Patch;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What several server processes share so they can serve the same models: per model, an ordered log of
 * patches in which each revision can be claimed once (the resume log), a stored snapshot beside it, and
 * leases for work only one process should do. {@link InMemoryBackplane} serves one process (the
 * default); {@link RedisBackplane} serves many. Open one by URL with {@link Backplanes#open(String)}.
 *
 * <p>Models are named by strings (a backplane key), not by a session's numeric ids. Every method may
 * throw {@link BackplaneException} when the store cannot be reached.
 */
public interface Backplane extends AutoCloseable {
    /**
     * Append {@code entry} as revision {@code entry.rev()} of the model's log. Refused when that revision
     * (or a later one) is already in the log: then the entries after {@code entry.rev() - 1} are returned
     * for the caller to adopt before it tries again. When the store has lost the model's state (Redis
     * restarted without its data), {@code seed} (the caller's state at {@code entry.rev() - 1}) is stored
     * as the model's snapshot {@link RedisBackplane#RESEED_GAP} revisions higher, if nobody else re-seeded
     * it first, and a {@link LogGapException} tells the caller to jump to the stored snapshot; an entry
     * that does not follow the log's last revision (a writer from before such a loss) is refused the same way.
     *
     * @return null when appended; otherwise the entries that claimed the revision first (not empty)
     * @throws LogGapException when the revision is taken but the entries that took it are no longer logged,
     *         or the model was lost and re-seeded: reload from {@link #snapshot}
     */
    List<LogEntry> appendEntry(String model, LogEntry entry, StoredSnapshot seed);

    /** The logged entries after {@code afterRev}, in order (empty when none; they may start later than {@code afterRev + 1} when trimmed). */
    List<LogEntry> readEntries(String model, long afterRev);

    /**
     * Wait up to {@code timeout} for entries after the given revisions of the given models; returns those
     * that arrived (an empty map on timeout).
     */
    Map<String, List<LogEntry>> awaitEntries(Map<String, Long> afterRevs, Duration timeout) throws InterruptedException;

    /** {@link #appendEntry} of a plain patch; returns the patches that claimed the revision first, or null. */
    default List<Patch> append(String model, Patch patch, StoredSnapshot seed) {
        List<LogEntry> lost = appendEntry(model, new LogEntry(patch, null), seed);
        return lost == null ? null : patches(lost);
    }

    /** The logged patches after {@code afterRev} (see {@link #readEntries}). */
    default List<Patch> read(String model, long afterRev) { return patches(readEntries(model, afterRev)); }

    /** The patches of {@link #awaitEntries}. */
    default Map<String, List<Patch>> await(Map<String, Long> afterRevs, Duration timeout) throws InterruptedException {
        Map<String, List<Patch>> out = new java.util.LinkedHashMap<>();
        for (var e : awaitEntries(afterRevs, timeout).entrySet()) out.put(e.getKey(), patches(e.getValue()));
        return out;
    }

    private static List<Patch> patches(List<LogEntry> entries) {
        List<Patch> out = new java.util.ArrayList<>(entries.size());
        for (LogEntry e : entries) out.add(e.patch());
        return out;
    }

    /** The stored snapshot of a model, or null when there is none. */
    StoredSnapshot snapshot(String model);

    /** Store the first snapshot of a model unless one exists; returns whether this one was stored. */
    boolean create(String model, StoredSnapshot initial);

    /**
     * Store a newer snapshot, fenced by a lease: only while {@code lease} is held with {@code token}, and
     * only when the stored one is older (or missing). Returns whether it was stored.
     */
    boolean storeSnapshot(String model, StoredSnapshot snapshot, String lease, long token);

    /** Drop logged patches with revisions below {@code keepFromRev}, fenced like {@link #storeSnapshot}. */
    boolean trim(String model, long keepFromRev, String lease, long token);

    /** The newest revision in the model's log, or -1 when the log is empty or missing. */
    long lastRev(String model);

    /** Take a lease for {@code ttl} if nobody holds it; returns its fencing token (increasing), or 0 when held by another. */
    long acquire(String lease, Duration ttl);

    /** Extend a lease this token holds; false when it expired or another process holds it now. */
    boolean renew(String lease, long token, Duration ttl);

    /** Give a lease up if this token holds it. */
    void release(String lease, long token);

    /** A description for messages (the URL without a password). */
    String describe();

    @Override void close();
}
