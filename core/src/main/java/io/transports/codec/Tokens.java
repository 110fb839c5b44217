package io.transports.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.transports.value.Unicode;
import io.transports.value.ValueText;
import java.io.IOException;
import java.math.BigInteger;

/**
 * The reading machinery under {@link ValueReader} and {@link FrameReader}: one Jackson streaming
 * parser (JSON, CBOR or MessagePack alike), the position for error messages, scalar reading with the
 * protocol's number rules, and errors that say where and what was found instead.
 */
abstract class Tokens {
    final JsonParser p;
    final Where where;
    private final boolean text; // JSON: numbers are shown as written
    /** Items the format's byte-level pre-check found wrong, or null when there are none. */
    Suspects suspects;

    Tokens(JsonParser p, boolean text, String root) {
        this.p = p;
        this.text = text;
        this.where = new Where(root);
    }

    /** Refuses the current item when the pre-check found it wrong (a CBOR simple value, a string of invalid UTF-8). */
    void suspect(String prefix) {
        if (suspects == null) return;
        String why = suspects.at(p.currentTokenLocation().getByteOffset());
        if (why != null) fail(prefix + why);
    }

    long integer(String expectation) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) fail(expectation + ", got " + describe());
        suspect(expectation + ", got ");
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            BigInteger big = p.getBigIntegerValue();
            if (big.bitLength() > 63) fail("integer " + big + " is outside the 64-bit range");
            return big.longValue();
        }
        return p.getLongValue();
    }

    long positive() throws IOException {
        long n = integer("expected a positive integer");
        if (n < 1) fail("expected a positive integer (model ids start at 1), got " + n);
        return n;
    }

    long nonNegative() throws IOException {
        long n = integer("expected a non-negative integer");
        if (n < 0) fail("expected a non-negative integer, got " + n + " (out of range)");
        return n;
    }

    int index() throws IOException {
        long n = nonNegative();
        if (n > Integer.MAX_VALUE) fail("index " + n + " is too large (at most " + Integer.MAX_VALUE + ")");
        return (int) n;
    }

    double floating() throws IOException {
        JsonToken tok = p.currentToken();
        if (tok != JsonToken.VALUE_NUMBER_FLOAT && tok != JsonToken.VALUE_NUMBER_INT) {
            fail("Float expects a number, got " + describe());
        }
        suspect("Float expects a number, got ");
        double d = p.getDoubleValue();
        if (!Double.isFinite(d)) {
            fail("a Float must be finite, got " + (text ? p.getText() : Double.toString(d)) + " (NaN and infinities cannot travel)");
        }
        return d;
    }

    String string() throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) fail("expected a string, got " + describe());
        return text(p.getText(), null);
    }

    /**
     * A string read from the frame (a value, a map key when {@code key} names it, a field), refused when
     * it is not valid Unicode: its bytes were not valid UTF-8 (the parsers would quietly repair them),
     * or it holds a lone surrogate (a JSON {@code \\ud800} escape, or a Java text frame).
     */
    String text(String s, String key) throws IOException {
        suspect(key != null ? "a map key: " : "");
        int lone = Unicode.loneSurrogate(s);
        if (lone >= 0) fail((key != null ? "a map key cannot travel: " : "") + Unicode.loneSurrogateReason(s, lone));
        return s;
    }

    // ---- tokens and errors ----

    /** The next token; the end of input inside a structure is an error, never a null. */
    JsonToken next() throws IOException {
        JsonToken tok = p.nextToken();
        if (tok == null) fail("unexpected end of frame");
        return tok;
    }

    void expect(JsonToken token, String what) throws IOException {
        if (p.currentToken() != token) fail("expected " + what + ", got " + describe());
    }

    void fail(String why) {
        throw new CodecException(where + ": " + why);
    }

    /** What the current token is, in words: "a string \"x\"", "the number 1.5", "an array". */
    String describe() throws IOException {
        JsonToken tok = p.currentToken();
        if (tok == null) return "the end of the frame";
        return switch (tok) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "the string " + quoted(p.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + shorten(p.getText());
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NULL -> "null";
            case VALUE_EMBEDDED_OBJECT -> "binary data";
            default -> tok.asString() == null ? tok.name() : tok.asString();
        };
    }

    static String quoted(String s) {
        return ValueText.quote(shorten(s));
    }

    private static String shorten(String s) { return s.length() > 40 ? s.substring(0, 40) + "..." : s; }

    /** The next top-level token or null at the end (the MessagePack parser throws there instead). */
    JsonToken nextOrEnd() throws IOException {
        try {
            return p.nextToken();
        } catch (JsonEOFException e) {
            if (p.getParsingContext().inRoot()) return null;
            throw e;
        }
    }
}
