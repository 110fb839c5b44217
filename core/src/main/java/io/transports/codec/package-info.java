/**
 * Codecs (PROTOCOL.md "Codecs"): JSON text frames, MessagePack and CBOR binary frames, the name table
 * and a registry for custom codecs, decoding limits, and {@link io.transports.codec.Json} helpers for
 * tools and tests. One reader and one writer serve every format: the reader walks Jackson's streaming
 * parser, the writer feeds a small sink that is either canonical JSON text or a Jackson generator.
 */
package io.transports.codec;
