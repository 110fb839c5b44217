package io.transports.backplane;

/** HubReplicationTest on the in-memory backplane (the hubs share one instance, as threads of one process would). */
class InMemoryHubReplicationTest extends HubReplicationTest {
    private final InMemoryBackplane shared = new InMemoryBackplane();

    @Override Backplane open() { return new SharedHandle(shared); }
}
