package io.transports.value;

/**
 * Float: an IEEE double, {@code {"Float": 1.5}}. {@code 1.0} stays a Float and never collapses to Int.
 * NaN and infinities are refused at construction, so no Value can hold one; the bridge and the
 * decoders check first so their errors can name the path.
 */
public final class FloatValue implements Value {
    private final double value;

    public FloatValue(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a Float must be finite, got " + value + " (NaN and infinities cannot travel)");
        }
        this.value = value;
    }

    public double value() { return value; }

    @Override public String tag() { return "Float"; }
    // bit equality: -0.0 and 0.0 are different values on the wire
    @Override public boolean equals(Object o) {
        return o instanceof FloatValue f && Double.doubleToLongBits(f.value) == Double.doubleToLongBits(value);
    }
    @Override public int hashCode() { return Double.hashCode(value); }
    @Override public String toString() { return "{\"Float\":" + value + "}"; }
}
