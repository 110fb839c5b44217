package io.transports.codec;

import io.transports.value.Unicode;

/**
 * A frame that cannot be decoded or a message that cannot be encoded. The message says where (a field
 * path such as {@code patch.ops[2].Move.from}) and why; no parser exception or runtime error of the
 * machinery underneath ever escapes a codec in another form.
 */
public class CodecException extends IllegalArgumentException {
    // lone surrogates in the message (echoed input) are escaped, so a reject carrying it can always be encoded
    public CodecException(String message) { super(Unicode.escapeLoneSurrogates(message)); }

    public CodecException(String message, Throwable cause) { super(Unicode.escapeLoneSurrogates(message), cause); }
}
