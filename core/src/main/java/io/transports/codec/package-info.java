/**
 * Codecs (docs/protocol.md "Codecs"): JSON text frames, MessagePack and CBOR binary frames, the name table
 * and a registry for custom codecs ({@link io.transports.codec.Codecs}), decoding limits
 * ({@link io.transports.codec.Limits}), and {@link io.transports.codec.Json} helpers for tools and tests.
 * One reader serves every format (it walks Jackson's streaming parser); one writer feeds a small sink
 * that is canonical JSON text, a Jackson CBOR generator, or msgpack-core's packer.
 *
 * <p>Rules this package pins where the shared protocol leaves a choice (docs/protocol.md; spec/messages.json holds the vectors):
 * <ul>
 *   <li>Strict inside Values, paths and ops: exactly one tag per tagged object, exactly the op's fields,
 *       no duplicate map keys. Lenient in envelopes: a message or patch may carry fields it does not
 *       know, which are skipped unread; a message with an unknown {@code t} decodes to an
 *       UnknownMessage whatever its other fields hold (except that text which is not valid Unicode, or
       an item a binary pre-check refused, is refused wherever it is: spec/frames.json).</li>
 *   <li>Text is valid Unicode: a lone surrogate or bytes that are not valid UTF-8 are refused with the
 *       path, decoding and encoding alike; an error message never carries a lone surrogate raw.</li>
 *   <li>Binary frames are pre-checked byte by byte ({@code MessagePackCheck}, {@code CborCheck}):
 *       lengths that cannot fit, non-string map keys, CBOR simple values and tags are refused.</li>
 *   <li>Model ids are positive 64-bit integers, revisions non-negative ones, list indexes fit an int;
 *       Submodel ids are positive. Duplicate message fields are refused.</li>
 *   <li>An integral number in a Float tag is a Float; a number with a fraction in an Int tag is refused.</li>
 *   <li>Codec names ignore case, surrounding space and content-type parameters ({@code ; charset=...}).
 *       Registering a custom name again replaces the earlier codec.</li>
 *   <li>Depth counts Value containers (a List or Map is one level); encoding checks it too.</li>
 * </ul>
 */
package io.transports.codec;
