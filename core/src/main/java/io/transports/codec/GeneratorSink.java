package io.transports.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** The binary formats' sink: a Jackson generator (CBOR or MessagePack) with definite container sizes. */
final class GeneratorSink implements Sink {
    private final JsonGenerator g;

    GeneratorSink(JsonGenerator g) { this.g = g; }

    @Override public void startObject(int size) throws IOException { g.writeStartObject(null, size); }
    @Override public void endObject() throws IOException { g.writeEndObject(); }
    @Override public void startArray(int size) throws IOException { g.writeStartArray(null, size); }
    @Override public void endArray() throws IOException { g.writeEndArray(); }
    @Override public void name(String name) throws IOException { g.writeFieldName(name); }
    @Override public void string(String s) throws IOException { g.writeString(s); }
    @Override public void number(long n) throws IOException { g.writeNumber(n); }
    @Override public void number(double d) throws IOException { g.writeNumber(d); }
    @Override public void bool(boolean b) throws IOException { g.writeBoolean(b); }
    @Override public void nul() throws IOException { g.writeNull(); }
}
