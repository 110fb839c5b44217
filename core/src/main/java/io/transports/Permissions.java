package io.transports;

import java.util.Objects;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;

/**
 * What one connection may do — the one permissions value of the library: whether it is admitted at
 * all, which models it sees, and whether (and where) it may propose edits. It is decided once, when the
 * {@link Connection} is made (by the connections module's access hook from the handshake, by a widget
 * for its views), and every {@link Broadcaster} ({@link Server}, {@link Hub}) reads it from the
 * connection. Immutable; the other methods return changed copies.
 *
 * <pre>{@code
 * Permissions.all()                                   // see and edit everything
 * Permissions.all().readOnly("viewers cannot edit")   // see everything, every proposal refused
 * Permissions.all().onlyModels(id -> id == 1)         // see model 1 only
 * Permissions.deny("sign in first")                   // closed at once with this reason
 * }</pre>
 */
public final class Permissions {
    private static final LongPredicate EVERY_MODEL = id -> true;
    private static final Permissions ALL = new Permissions(null, EVERY_MODEL, null, id -> null);

    private final String denial;
    private final LongPredicate visible;
    private final String readOnlyReason;
    private final LongFunction<String> proposalRefusal;

    private Permissions(String denial, LongPredicate visible, String readOnlyReason, LongFunction<String> refusal) {
        this.denial = denial;
        this.visible = visible;
        this.readOnlyReason = readOnlyReason;
        this.proposalRefusal = refusal;
    }

    /** Admitted; sees every model; may propose to any. */
    public static Permissions all() { return ALL; }

    /** Not admitted: the connection is closed at once with this reason. */
    public static Permissions deny(String reason) {
        return new Permissions(Objects.requireNonNull(reason, "reason"), id -> false, reason, id -> reason);
    }

    /** A copy that sees only the models this predicate accepts. */
    public Permissions onlyModels(LongPredicate canSee) {
        return new Permissions(denial, Objects.requireNonNull(canSee), readOnlyReason, proposalRefusal);
    }

    /** A copy whose every proposal is refused with this reason (a read-only viewer). */
    public Permissions readOnly(String reason) {
        return new Permissions(denial, visible, Objects.requireNonNull(reason, "reason"), proposalRefusal);
    }

    /** A copy that may propose again (the read-only reason dropped; per-model refusals stay). */
    public Permissions writable() {
        return new Permissions(denial, visible, null, proposalRefusal);
    }

    /** A copy that refuses proposals per model: the function returns null to allow, else the reason. */
    public Permissions refusingProposals(LongFunction<String> refusal) {
        return new Permissions(denial, visible, readOnlyReason, Objects.requireNonNull(refusal));
    }

    public boolean admitted() { return denial == null; }

    /** Why the connection is not admitted; null when it is. */
    public String denial() { return denial; }

    public boolean canSee(long id) { return visible.test(id); }

    /** Whether no model is hidden from this connection (lets a broadcaster share one frame list). */
    public boolean seesEveryModel() { return visible == EVERY_MODEL; }

    /** Null when the connection may propose at all, else why not. */
    public String readOnlyReason() { return readOnlyReason; }

    /** Null when a proposal to model {@code id} is allowed, else why not. */
    public String refusal(long id) {
        return readOnlyReason != null ? readOnlyReason : proposalRefusal.apply(id);
    }
}
