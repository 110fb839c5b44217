package io.transports.merge;

import io.transports.value.Value;
import java.util.List;

/**
 * Which elements of an old sequence a new one keeps, for a whole-list (or whole-text) Set under
 * {@link SequenceCrdt}: a longest common subsequence after trimming the common prefix and suffix, so
 * the usual edit (a few characters typed or deleted in one place) costs little. When the middle parts
 * are too large for the quadratic table ({@link #MAX_CELLS}), nothing in the middle is kept: the
 * result is still exact, only coarser (the middle is deleted and inserted again).
 */
final class SeqMatch {
    static final long MAX_CELLS = 4_000_000;

    private SeqMatch() {}

    /** For each new position, the old position it keeps, or -1 for a new element; kept pairs ascend. */
    static int[] match(List<Value> old, List<Value> neu) {
        int n = old.size(), m = neu.size();
        int[] out = new int[m];
        java.util.Arrays.fill(out, -1);
        int pre = 0;
        while (pre < n && pre < m && old.get(pre).equals(neu.get(pre))) { out[pre] = pre; pre++; }
        int suf = 0;
        while (suf < n - pre && suf < m - pre && old.get(n - 1 - suf).equals(neu.get(m - 1 - suf))) {
            out[m - 1 - suf] = n - 1 - suf;
            suf++;
        }
        int a = n - pre - suf, b = m - pre - suf;
        if (a == 0 || b == 0 || (long) a * b > MAX_CELLS) return out;
        int[][] len = new int[a + 1][b + 1]; // len[i][j]: LCS of old[pre+i..] and neu[pre+j..]
        for (int i = a - 1; i >= 0; i--) {
            for (int j = b - 1; j >= 0; j--) {
                len[i][j] = old.get(pre + i).equals(neu.get(pre + j)) ? len[i + 1][j + 1] + 1 : Math.max(len[i + 1][j], len[i][j + 1]);
            }
        }
        int i = 0, j = 0;
        while (i < a && j < b) {
            if (old.get(pre + i).equals(neu.get(pre + j))) { out[pre + j] = pre + i; i++; j++; }
            else if (len[i + 1][j] >= len[i][j + 1]) i++;
            else j++;
        }
        return out;
    }
}
