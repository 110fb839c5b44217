package io.transports.value;

/**
 * Canonical JSON text of a Value: no whitespace, map keys in wire order, Floats always with a
 * fraction or exponent (so {@code 1.0} never reads back as an Int). Used by {@code toString} and by
 * the JSON codec, so the same value always gives the same bytes.
 */
public final class ValueText {
    private ValueText() {}

    public static String write(Value v) {
        StringBuilder b = new StringBuilder(64);
        write(v, b);
        return b.toString();
    }

    public static void write(Value v, StringBuilder b) {
        if (v instanceof NullValue) {
            b.append("\"Null\"");
        } else if (v instanceof BoolValue x) {
            b.append("{\"Bool\":").append(x.value()).append('}');
        } else if (v instanceof IntValue x) {
            b.append("{\"Int\":").append(x.value()).append('}');
        } else if (v instanceof FloatValue x) {
            b.append("{\"Float\":").append(number(x.value())).append('}');
        } else if (v instanceof StrValue x) {
            b.append("{\"Str\":");
            quote(x.value(), b);
            b.append('}');
        } else if (v instanceof ListValue x) {
            b.append("{\"List\":[");
            for (int i = 0; i < x.size(); i++) {
                if (i > 0) b.append(',');
                write(x.get(i), b);
            }
            b.append("]}");
        } else if (v instanceof MapValue x) {
            b.append("{\"Map\":{");
            for (int i = 0; i < x.size(); i++) {
                if (i > 0) b.append(',');
                quote(x.keyAt(i), b);
                b.append(':');
                write(x.valueAt(i), b);
            }
            b.append("}}");
        } else if (v instanceof SubmodelValue x) {
            b.append("{\"Submodel\":").append(x.id()).append('}');
        }
    }

    /** A finite double as JSON text; Java's shortest round-trip form, which always has '.' or 'E'. */
    public static String number(double d) { return Double.toString(d); }

    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2);
        quote(s, b);
        return b.toString();
    }

    /** JSON string escaping: quote, backslash and control characters; everything else as is (UTF-8 on the wire). */
    public static void quote(String s, StringBuilder b) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isSurrogate(c) && !paired(s, i)) {
                        b.append("\\u").append(Integer.toHexString(c)); // a lone surrogate: escaped, never raw (toString must not throw)
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    /** Whether the surrogate at {@code i} is half of a pair. */
    private static boolean paired(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
