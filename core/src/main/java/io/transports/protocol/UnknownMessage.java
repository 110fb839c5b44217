package io.transports.protocol;

/** A message whose {@code t} this implementation does not know; clients ignore it so servers can add kinds. */
public record UnknownMessage(String t) implements Message {}
