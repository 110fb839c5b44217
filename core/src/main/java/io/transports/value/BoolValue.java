package io.transports.value;

/** Bool: {@code {"Bool": true}}. Only two instances exist. */
public final class BoolValue implements Value {
    static final BoolValue TRUE = new BoolValue(true);
    static final BoolValue FALSE = new BoolValue(false);

    private final boolean value;

    private BoolValue(boolean value) { this.value = value; }

    public boolean value() { return value; }

    @Override public String tag() { return "Bool"; }
    @Override public boolean equals(Object o) { return o instanceof BoolValue b && b.value == value; }
    @Override public int hashCode() { return value ? 1231 : 1237; }
    @Override public String toString() { return "{\"Bool\":" + value + "}"; }
}
