package io.transports.backplane;

/** BackplaneContractTest on the in-memory backplane. */
class InMemoryBackplaneContractTest extends BackplaneContractTest {
    private final InMemoryBackplane shared = new InMemoryBackplane();

    @Override Backplane open() { return new SharedHandle(shared); }
}
