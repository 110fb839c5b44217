package io.transports.crdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The spec's rules: canonical form and hash independent of field and key-path order, and the refusals. */
class CrdtSpecTest {
    @Test
    void equivalentSpecsCanonicaliseAndHashAlike() {
        CrdtSpec a = CrdtSpec.fromJson("{\"root\":{\"kind\":\"set\",\"keys\":[[\"tenant\"],[\"meta\",\"id\"]],\"element\":{\"kind\":\"map\",\"fields\":{\"meta\":{\"kind\":\"map\"}}}}}");
        CrdtSpec b = CrdtSpec.fromJson("{\"version\":1,\"root\":{\"element\":{\"fields\":{\"meta\":{\"kind\":\"map\"}},\"kind\":\"map\"},\"keys\":[[\"meta\",\"id\"],[\"tenant\"]],\"kind\":\"set\"}}");
        assertEquals(a, b);
        assertEquals(a.hash(), b.hash());
        assertEquals(a, CrdtSpec.fromNode(a.toNode()));
        assertEquals("{\"version\":1,\"root\":{\"kind\":\"map\",\"values\":{\"kind\":\"register\"}}}", CrdtSpec.fromJson("{\"root\":{\"kind\":\"map\"}}").canonicalJson());
    }

    @Test
    void builtSpecEqualsParsedSpec() {
        CrdtSpec built = CrdtSpec.of(CrdtPolicy.map(java.util.Map.of("document", CrdtPolicy.text()), CrdtPolicy.register()));
        assertEquals(CrdtSpec.fromJson("{\"root\":{\"kind\":\"map\",\"fields\":{\"document\":{\"kind\":\"sequence\",\"materialization\":\"string\"}}}}"), built);
    }

    @Test
    void incompatiblePeerHashIsRefusedNamingBothHashes() {
        CrdtSpec spec = CrdtSpec.of(CrdtPolicy.register());
        CrdtException e = assertThrows(CrdtException.class, () -> spec.requireHash("sha256:other"));
        assertTrue(e.getMessage().contains("incompatible CRDT spec: local hash " + spec.hash() + ", peer hash sha256:other"), e.getMessage());
        spec.requireHash(spec.hash());
    }

    @Test
    void invalidSpecsAreRefusedSayingWhy() {
        for (String[] c : List.of(
                new String[] {"{\"version\":2,\"root\":{\"kind\":\"register\"}}", "unsupported CRDT spec version 2"},
                new String[] {"{\"root\":{\"kind\":\"register\",\"fields\":{}}}", "unknown field"},
                new String[] {"{\"root\":{\"kind\":\"register\"},\"extra\":1}", "unknown field"},
                new String[] {"{\"root\":{\"kind\":\"set\",\"keys\":[[\"\"]],\"element\":{\"kind\":\"register\"}}}", "empty identity path or path segment"},
                new String[] {"{\"root\":{\"kind\":\"set\",\"keys\":[[\"id\"]],\"element\":{\"kind\":\"register\"}}}", "not reachable"},
                new String[] {"{\"root\":{\"kind\":\"set\",\"keys\":[[\"id\"],[\"id\"]],\"element\":{\"kind\":\"map\"}}}", "duplicate path"},
                new String[] {"{\"root\":{\"kind\":\"set\",\"keys\":[[\"nested\"]],\"element\":{\"kind\":\"map\",\"fields\":{\"nested\":{\"kind\":\"map\"}}}}}", "must resolve to a register"},
                new String[] {"{\"root\":{\"kind\":\"sequence\",\"materialization\":\"string\",\"element\":{\"kind\":\"map\"}}}", "must be a register"},
                new String[] {"{\"root\":{\"kind\":\"map\",\"fields\":{\"a\":{\"kind\":\"tree\"}}}}", "root.fields.a: unknown variant `tree`"})) {
            CrdtException e = assertThrows(CrdtException.class, () -> CrdtSpec.fromJson(c[0]), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
        }
    }
}
