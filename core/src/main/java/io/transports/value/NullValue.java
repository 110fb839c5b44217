package io.transports.value;

/** Null: a null reference or an absent optional. Written as the bare string {@code "Null"}. */
public final class NullValue implements Value {
    static final NullValue INSTANCE = new NullValue();

    private NullValue() {}

    @Override public String tag() { return "Null"; }
    @Override public String toString() { return "\"Null\""; }
}
