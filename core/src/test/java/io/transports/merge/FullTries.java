package io.transports.merge;

import java.util.function.LongConsumer;

/**
 * The full-count switch for the merge properties: under {@code -Dtransports.full=true} each try of a
 * property also runs its body for {@value #FACTOR} - 1 further seeds derived from the generated one,
 * so the default run stays short and the full run searches {@value #FACTOR} times as hard. (jqwik
 * reads a property's tries from its annotation before any lifecycle hook could raise them.)
 */
final class FullTries {
    static final boolean FULL = Boolean.getBoolean("transports.full");
    static final int FACTOR = 25;

    private FullTries() {}

    static void repeat(long seed, LongConsumer body) {
        body.accept(seed);
        if (FULL) for (int k = 1; k < FACTOR; k++) body.accept(seed * 6364136223846793005L + k);
    }
}
