package io.transports.backplane.bench;

/** The benchmark's model: a sequence number and the wall-clock nanoseconds of its last change. */
public final class Ticker {
    public long seq;
    public long ts;
}
