package io.transports.value;

import java.util.Objects;

/** Str: a Unicode string, {@code {"Str": "lamp"}}. */
public final class StrValue implements Value {
    private final String value;

    public StrValue(String value) { this.value = Objects.requireNonNull(value, "value"); }

    public String value() { return value; }

    @Override public String tag() { return "Str"; }
    @Override public boolean equals(Object o) { return o instanceof StrValue s && s.value.equals(value); }
    @Override public int hashCode() { return value.hashCode(); }
    @Override public String toString() { return ValueText.write(this); }
}
