package io.transports.crdt;

import io.transports.value.BoolValue;
import io.transports.value.FloatValue;
import io.transports.value.IntValue;
import io.transports.value.ListValue;
import io.transports.value.MapValue;
import io.transports.value.NullValue;
import io.transports.value.StrValue;
import io.transports.value.SubmodelValue;
import io.transports.value.Value;
import io.transports.value.ValueText;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The exact text the reference reducer writes for its state, its operation fingerprints and set member
 * keys: compact JSON, tagged Values, strings escaped only where JSON requires it, and Floats in its
 * number form (shortest round-trip digits; plain notation for exponents -5..15 with {@code .0} on whole
 * numbers, else {@code 1e+16} / {@code 1e-7}). State bytes and fingerprints compare equal across
 * implementations only because every one writes this same text.
 */
final class SerdeText {
    private SerdeText() {}

    static void quote(String s, StringBuilder b) { ValueText.quote(s, b); }

    static String sha256(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder(71).append("sha256:");
            for (byte x : d) b.append(Character.forDigit((x >> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
            return b.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** A Value in its tagged form, floats in the reference's number form. */
    static void value(Value v, StringBuilder b) {
        if (v instanceof NullValue) {
            b.append("\"Null\"");
        } else if (v instanceof StrValue s) {
            b.append("{\"Str\":");
            quote(s.value(), b);
            b.append('}');
        } else if (v instanceof IntValue n) {
            b.append("{\"Int\":").append(n.value()).append('}');
        } else if (v instanceof FloatValue f) {
            b.append("{\"Float\":").append(number(f.value())).append('}');
        } else if (v instanceof BoolValue x) {
            b.append("{\"Bool\":").append(x.value()).append('}');
        } else if (v instanceof ListValue l) {
            b.append("{\"List\":[");
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) b.append(',');
                value(l.get(i), b);
            }
            b.append("]}");
        } else if (v instanceof MapValue m) {
            b.append("{\"Map\":{");
            for (int i = 0; i < m.size(); i++) {
                if (i > 0) b.append(',');
                quote(m.keyAt(i), b);
                b.append(':');
                value(m.valueAt(i), b);
            }
            b.append("}}");
        } else if (v instanceof SubmodelValue s) {
            b.append("{\"Submodel\":").append(s.id()).append('}');
        }
    }

    static String value(Value v) {
        StringBuilder b = new StringBuilder();
        value(v, b);
        return b.toString();
    }

    /** A finite double in the reference's JSON number form. */
    static String number(double d) {
        if (d == 0) return (Double.doubleToRawLongBits(d) < 0) ? "-0.0" : "0.0";
        BigDecimal exact = new BigDecimal(d);
        BigDecimal shortest = exact;
        for (int p = 1; p <= 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == d) {
                shortest = r;
                break;
            }
        }
        shortest = shortest.stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        int sciExp = digits.length() - shortest.scale() - 1;
        StringBuilder b = new StringBuilder(24);
        if (d < 0) b.append('-');
        if (sciExp >= -5 && sciExp < 16) {
            if (sciExp >= 0) {
                if (digits.length() <= sciExp + 1) {
                    b.append(digits).append("0".repeat(sciExp + 1 - digits.length())).append(".0");
                } else {
                    b.append(digits, 0, sciExp + 1).append('.').append(digits, sciExp + 1, digits.length());
                }
            } else {
                b.append("0.").append("0".repeat(-sciExp - 1)).append(digits);
            }
        } else {
            b.append(digits.charAt(0));
            if (digits.length() > 1) b.append('.').append(digits, 1, digits.length());
            b.append('e').append(sciExp > 0 ? "+" : "").append(sciExp);
        }
        return b.toString();
    }
}
