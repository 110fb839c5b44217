package io.transports.jupyter;

import io.transports.Connection;
import io.transports.Permissions;
import java.util.List;
import java.util.Map;

/**
 * A connection this extension opens on a {@code Broadcaster} (a {@code Server} or a {@code Hub}): a
 * widget view or a raw {@code transports} comm, with the codec it reads, its permissions (a read-only
 * widget's views refuse every proposal) and, for a hub, the {@code tenant} parameter. Its frames go to
 * its {@link Endpoint}, through {@link Notebook#dispatch}, which keeps a widget's views together.
 */
final class KernelConnection extends Connection {
    final Endpoint endpoint;

    KernelConnection(String name, String codec, Permissions permissions, Map<String, List<String>> params, Endpoint endpoint) {
        super(name, codec, permissions, params, null);
        this.endpoint = endpoint;
    }
}
