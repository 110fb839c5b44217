package io.transports.value;

/** Int: a signed 64-bit integer, {@code {"Int": 7}}. Small values are cached to keep flushes allocation-free. */
public final class IntValue implements Value {
    private static final IntValue[] SMALL = new IntValue[1280];

    static {
        for (int i = 0; i < SMALL.length; i++) SMALL[i] = new IntValue(i - 256);
    }

    private final long value;

    private IntValue(long value) { this.value = value; }

    public static IntValue of(long value) {
        if (value >= -256 && value < SMALL.length - 256) return SMALL[(int) value + 256];
        return new IntValue(value);
    }

    public long value() { return value; }

    @Override public String tag() { return "Int"; }
    @Override public boolean equals(Object o) { return o instanceof IntValue i && i.value == value; }
    @Override public int hashCode() { return Long.hashCode(value); }
    @Override public String toString() { return "{\"Int\":" + value + "}"; }
}
