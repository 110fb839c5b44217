package io.transports.crdt;

import java.util.List;

/** The result of a local {@link CrdtDocument#mutate}: the operations to send, and their effect here. */
public record CrdtChange(List<CrdtOp> ops, CrdtEffect effect) {
    public CrdtChange { ops = List.copyOf(ops); }
}
