package io.transports.codec;

import java.io.IOException;

/**
 * Where the {@link Encoder} writes: canonical JSON text ({@link TextSink}) or a Jackson generator for
 * the binary formats ({@link GeneratorSink}). Sizes are given up front so CBOR can write definite lengths.
 */
interface Sink {
    void startObject(int size) throws IOException;
    void endObject() throws IOException;
    void startArray(int size) throws IOException;
    void endArray() throws IOException;
    void name(String name) throws IOException;
    void string(String s) throws IOException;
    void number(long n) throws IOException;
    /** Always a floating-point number: "1.0" in JSON, a float64 in CBOR and MessagePack. */
    void number(double d) throws IOException;
    void bool(boolean b) throws IOException;
    /** A null item: plain data (awareness state, the JSON trees of CRDT messages) has one; model values spell Null as a tag. */
    void nul() throws IOException;
}
