package io.transports.codec;

import io.transports.value.ValueText;

/**
 * Canonical JSON text into a StringBuilder: no whitespace, strings and numbers exactly as
 * {@link ValueText} writes them, so a frame's text equals {@code Value.toString} / {@code Patch.toString}.
 * A comma goes before any item that follows a finished one, which needs no stack.
 */
final class TextSink implements Sink {
    final StringBuilder out;
    private boolean comma;

    TextSink(StringBuilder out) { this.out = out; }

    private void item() {
        if (comma) out.append(',');
    }

    @Override public void startObject(int size) { item(); out.append('{'); comma = false; }
    @Override public void endObject() { out.append('}'); comma = true; }
    @Override public void startArray(int size) { item(); out.append('['); comma = false; }
    @Override public void endArray() { out.append(']'); comma = true; }

    @Override public void name(String name) {
        item();
        ValueText.quote(name, out);
        out.append(':');
        comma = false;
    }

    @Override public void string(String s) { item(); ValueText.quote(s, out); comma = true; }
    @Override public void number(long n) { item(); out.append(n); comma = true; }
    @Override public void number(double d) { item(); out.append(ValueText.number(d)); comma = true; }
    @Override public void bool(boolean b) { item(); out.append(b); comma = true; }
    @Override public void nul() { item(); out.append("null"); comma = true; }
}
