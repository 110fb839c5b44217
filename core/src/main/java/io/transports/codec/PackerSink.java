package io.transports.codec;

import java.io.IOException;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * The MessagePack sink: msgpack-core's packer, straight to bytes. Jackson's MessagePack generator
 * buffers a whole tree and packs it recursively, which is slower and overflows the stack on deep
 * values; the packer streams, and the container sizes the Encoder knows are exactly its headers.
 */
final class PackerSink implements Sink {
    private final MessageBufferPacker packer = MessagePack.newDefaultBufferPacker();

    @Override public void startObject(int size) throws IOException { packer.packMapHeader(size); }
    @Override public void endObject() {}
    @Override public void startArray(int size) throws IOException { packer.packArrayHeader(size); }
    @Override public void endArray() {}
    @Override public void name(String name) throws IOException { packer.packString(name); }
    @Override public void string(String s) throws IOException { packer.packString(s); }
    @Override public void number(long n) throws IOException { packer.packLong(n); }
    @Override public void number(double d) throws IOException { packer.packDouble(d); }
    @Override public void bool(boolean b) throws IOException { packer.packBoolean(b); }
    @Override public void nul() throws IOException { packer.packNil(); }

    byte[] bytes() { return packer.toByteArray(); }
}
