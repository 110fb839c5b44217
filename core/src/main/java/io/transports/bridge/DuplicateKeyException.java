package io.transports.bridge;

import io.transports.value.Path;

/**
 * Two keys of one map become the same text key (e.g. {@code 1} and {@code "1"}). A non-concurrent map
 * (TreeMap, HashMap) read while another thread writes it can show the same symptom for a moment — its
 * iterator visits one entry twice — so a flush walks the model again several times before it reports
 * this as the object's own error (see {@code Session.flushOne}).
 */
public class DuplicateKeyException extends BridgeException {
    public DuplicateKeyException(Path path, String reason) { super(path, reason); }
}
