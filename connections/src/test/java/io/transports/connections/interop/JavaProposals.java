package io.transports.connections.interop;

import io.transports.Proposal;
import io.transports.ProposalRejectedException;
import io.transports.connections.TransportsClient;
import io.transports.patch.Op;
import io.transports.value.MapValue;
import io.transports.value.Path;
import io.transports.value.Value;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Interop, Java side as proposer: a {@link TransportsClient} in a codec connects to a server of the
 * protocol (here the Python package's Server or Fanout) and awaits its proposals' futures: a change
 * completes with the echo's revision, one that changes nothing completes too (the Python Server echoes
 * an empty patch, its Fanout sends an ack), and, with "refuse", one the host's type refuses fails with the
 * host's reason. Nothing is left pending. Arguments: WS_URL CODEC [refuse]. Exit code 0 on success.
 */
public final class JavaProposals {
    private JavaProposals() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String codec = args[1];
        boolean refuse = args.length > 2 && args[2].equals("refuse");
        String who = "java proposer (" + codec + ")";
        try (TransportsClient client = new TransportsClient(codec)) {
            client.connect(url);
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (client.mirror().revisions().isEmpty()) {
                if (System.nanoTime() > deadline) fail(who + ": no snapshot");
                Thread.sleep(20);
            }
            long id = client.mirror().ids().get(0);
            String name = "renamed by java " + codec;
            Proposal change = client.submit(id, ((MapValue) client.value(id)).with("name", Value.of(name)));
            long rev = await(who, change);
            System.out.println(who + ": " + change.id() + " accepted at rev " + rev);
            while (client.mirror().rev(id) < rev) {
                if (System.nanoTime() > deadline) fail(who + ": the echo did not reach the mirror");
                Thread.sleep(20);
            }
            if (!((MapValue) client.value(id)).get("name").equals(Value.of(name))) fail(who + ": the mirror does not hold the change");

            Proposal same = client.submitOps(id, List.of(new Op.Set(Path.of(new Path.Key("name")), Value.of(name))));
            System.out.println(who + ": " + same.id() + " (changes nothing) accepted at rev " + await(who, same));

            if (refuse) {
                Proposal bad = client.submitOps(id, List.of(new Op.Set(Path.of(new Path.Key("level")), Value.of("very high"))));
                try {
                    bad.accepted().get(10, TimeUnit.SECONDS);
                    fail(who + ": a proposal the host's type refuses was accepted");
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof ProposalRejectedException r)) throw e;
                    System.out.println(who + ": " + bad.id() + " refused with the host's reason: " + r.reason().lines().findFirst().orElse(""));
                }
            }
            if (!client.mirror().pendingProposals().isEmpty()) fail(who + ": still pending " + client.mirror().pendingProposals());
        }
        System.exit(0);
    }

    private static long await(String who, Proposal p) throws Exception {
        try {
            return p.accepted().get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            fail(who + ": no answer to " + p.id() + " in 10 s");
            return -1;
        } catch (ExecutionException e) {
            fail(who + ": " + p.id() + " failed: " + e.getCause());
            return -1;
        }
    }

    private static void fail(String why) {
        System.out.println(why);
        System.exit(1);
    }
}
