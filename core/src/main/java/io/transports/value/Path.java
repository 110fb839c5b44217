package io.transports.value;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A walk from a model's root: {@code [{"Key": "items"}, {"Index": 0}, {"Key": "label"}]}.
 * The empty path is the root itself. Immutable.
 */
public final class Path {
    public static final Path ROOT = new Path(new Segment[0]);

    /** One step of a path: a map key or a list index. */
    public sealed interface Segment permits Key, Index {}

    /** Step into a map entry. */
    public record Key(String name) implements Segment {
        public Key { Objects.requireNonNull(name, "name"); }
        @Override public String toString() { return "{\"Key\":" + ValueText.quote(name) + "}"; }
    }

    /** Step into a list element. */
    public record Index(int index) implements Segment {
        public Index {
            if (index < 0) throw new IllegalArgumentException("a path index must not be negative, got " + index);
        }
        @Override public String toString() { return "{\"Index\":" + index + "}"; }
    }

    private final Segment[] segments;

    private Path(Segment[] segments) { this.segments = segments; }

    public static Path of(Segment... segments) {
        for (Segment s : segments) Objects.requireNonNull(s, "segment");
        return segments.length == 0 ? ROOT : new Path(segments.clone());
    }

    public static Path of(List<? extends Segment> segments) { return of(segments.toArray(new Segment[0])); }

    /** Shorthand for tests and tools: strings become keys, integers become indexes. */
    public static Path parse(Object... steps) {
        Segment[] s = new Segment[steps.length];
        for (int i = 0; i < steps.length; i++) {
            if (steps[i] instanceof String k) s[i] = new Key(k);
            else if (steps[i] instanceof Integer n) s[i] = new Index(n);
            else throw new IllegalArgumentException("a path step is a String key or an Integer index, got " + steps[i]);
        }
        return new Path(s);
    }

    public Path key(String name) { return append(new Key(name)); }

    public Path index(int index) { return append(new Index(index)); }

    public Path append(Segment s) {
        Segment[] a = Arrays.copyOf(segments, segments.length + 1);
        a[segments.length] = Objects.requireNonNull(s);
        return new Path(a);
    }

    public int size() { return segments.length; }

    public boolean isRoot() { return segments.length == 0; }

    public Segment get(int i) { return segments[i]; }

    public Segment last() { return segments[segments.length - 1]; }

    public Path parent() { return segments.length == 0 ? this : new Path(Arrays.copyOf(segments, segments.length - 1)); }

    public List<Segment> segments() { return List.of(segments); }

    /** A readable form for error messages, e.g. {@code items[0].label} ({@code <root>} for the root). */
    public String display() {
        if (segments.length == 0) return "<root>";
        StringBuilder b = new StringBuilder();
        for (Segment s : segments) {
            if (s instanceof Key k) {
                if (b.length() > 0) b.append('.');
                b.append(k.name());
            } else {
                b.append('[').append(((Index) s).index()).append(']');
            }
        }
        return b.toString();
    }

    @Override public boolean equals(Object o) { return o instanceof Path p && Arrays.equals(p.segments, segments); }
    @Override public int hashCode() { return Arrays.hashCode(segments); }
    /** The JSON form, e.g. {@code [{"Key":"on"}]}. */
    @Override public String toString() { return Arrays.toString(segments).replace(", ", ","); }
}
