package io.transports.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
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

    Tokens(JsonParser p, boolean text, String root) {
        this.p = p;
        this.text = text;
        this.where = new Where(root);
    }

    long integer(String expectation) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) fail(expectation + ", got " + describe());
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
        double d = p.getDoubleValue();
        if (!Double.isFinite(d)) {
            fail("a Float must be finite, got " + (text ? p.getText() : Double.toString(d)) + " (NaN and infinities cannot travel)");
        }
        return d;
    }

    String string() throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) fail("expected a string, got " + describe());
        return p.getText();
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
