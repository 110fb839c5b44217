package io.transports.merge;

/**
 * The logical time of one write to a shared model: the revision the writer's patch carried (the
 * revision of the writer's mirror when it wrote) and the writer's origin (its tenant key as text).
 *
 * <p>This is the reference implementation's stamp exactly — a pair compared first by revision and
 * then by origin text — so Java and Python hubs keep the same write when they see the same two
 * conflicting writes. The stamp is intrinsic to the write, not to its arrival order, which is what
 * lets the LWW register strategies converge.
 */
public record Stamp(long rev, String origin) implements Comparable<Stamp> {
    public Stamp {
        if (origin == null) throw new IllegalArgumentException("a stamp needs an origin");
    }

    /** The origin the host uses for its own writes (the reference's spelling). */
    public static final String HOST = "<host>";

    @Override public int compareTo(Stamp o) {
        int c = Long.compare(rev, o.rev);
        return c != 0 ? c : compareCodePoints(origin, o.origin);
    }

    /** Python compares text by code point; String.compareTo by UTF-16 unit, which differs past U+FFFF. */
    static int compareCodePoints(String a, String b) {
        int i = 0, j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i), y = b.codePointAt(j);
            if (x != y) return Integer.compare(x, y);
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
