package io.transports.backplane.support;

/** The shared model of the tests: a count the host increments and a note the web clients propose. */
public final class Tally {
    public long count;
    public String note = "";
}
