package io.transports.backplane;

/** ReplicationTest on the in-memory backplane. */
class InMemoryReplicationTest extends ReplicationTest {
    private final InMemoryBackplane shared = new InMemoryBackplane();

    @Override Backplane open() { return new SharedHandle(shared); }
}
