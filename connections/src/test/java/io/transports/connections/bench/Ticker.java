package io.transports.connections.bench;

/** The benchmark's hosted model: a sequence number and the wall-clock time (ns) of the mutation that set it. */
public class Ticker {
    public long seq;
    public long ts;
}
