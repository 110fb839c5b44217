package io.transports;

/**
 * A mirror that can no longer be trusted and needs a fresh snapshot: a patch for model {@code id}
 * failed to apply (or arrived before any snapshot, or a frame could not be read at all), so the mirror
 * may have missed a revision. {@link Client} reports it to its resync listeners and leaves the model
 * out of {@link Client#revisions()}, so a resume asks for a snapshot of it; the connection layer
 * reconnects to get one.
 */
public record Resync(long id, String reason) {}
