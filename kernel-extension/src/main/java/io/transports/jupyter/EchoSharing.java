package io.transports.jupyter;

import io.transports.Frame;
import io.transports.codec.Codec;
import io.transports.codec.Codecs;
import io.transports.protocol.Ack;
import io.transports.protocol.Message;
import io.transports.protocol.PatchMessage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lets the echo of an accepted proposal go out once for every view of a widget. The server gives the
 * proposer its own copy of the echo, carrying the proposal id, and every other connection the shared
 * frame without it (docs/protocol.md "Proposal ids"); on a widget's one comm that made the patch a
 * frame of its own per view (N copies for N views). Here the proposer's tagged copy is replaced by the
 * shared frame the other views of its codec got, followed by an {@code ack} carrying the id at the
 * patch's revision, addressed to the proposer alone: the patch is then one broadcast
 * ({@link ViewRouting}), and the proposer's proposal is still answered by its id. When no other view
 * of that codec got the same patch (the proposer is alone), its frames are left as they are.
 */
final class EchoSharing {
    private EchoSharing() {
    }

    static Map<ViewConnection, List<Frame>> share(Map<ViewConnection, List<Frame>> out) {
        if (out.size() < 2) return out;
        Map<ViewConnection, List<Frame>> result = null;
        for (Map.Entry<ViewConnection, List<Frame>> e : out.entrySet()) {
            ViewConnection proposer = e.getKey();
            List<Frame> frames = e.getValue();
            for (int i = 0; i < frames.size(); i++) {
                Frame f = frames.get(i);
                FrameHead h = FrameHead.of(f);
                if (!h.isPatch()) continue;
                Frame shared = sharedCopy(out, proposer, h);
                if (shared == null || shared == f) continue;
                Codec codec = Codecs.forName(proposer.codec);
                Message m = codec.decode(f);
                if (!(m instanceof PatchMessage p) || p.proposal() == null) continue;
                if (result == null) result = new LinkedHashMap<>(out);
                List<Frame> mine = new ArrayList<>(result.get(proposer));
                int at = mine.indexOf(f);
                mine.set(at, shared);
                mine.add(at + 1, codec.encode(new Ack(p.id(), p.patch().rev(), p.proposal())));
                result.put(proposer, mine);
            }
        }
        return result == null ? out : result;
    }

    /** The frame another view of the proposer's codec got for the same model and revision, or null. */
    private static Frame sharedCopy(Map<ViewConnection, List<Frame>> out, ViewConnection proposer, FrameHead h) {
        for (Map.Entry<ViewConnection, List<Frame>> e : out.entrySet()) {
            if (e.getKey() == proposer || !e.getKey().codec.equals(proposer.codec)) continue;
            for (Frame f : e.getValue()) {
                FrameHead o = FrameHead.of(f);
                if (o.isPatch() && o.id() == h.id() && o.rev() == h.rev()) return f;
            }
        }
        return null;
    }
}
