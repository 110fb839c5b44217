package io.transports.patch;

/**
 * Longest increasing subsequence, O(n log n) by patience sorting. The list diff keeps the elements on
 * one longest increasing run of old positions where they are and moves only the others, which is the
 * fewest moves that put matched elements in their new order.
 */
final class Lis {
    private Lis() {}

    /** Which entries of {@code seq} (distinct values) lie on one longest increasing subsequence. */
    static boolean[] mark(int[] seq, int n) {
        int[] tails = new int[n]; // tails[l] = position in seq of the smallest tail of a run of length l+1
        int[] prev = new int[n];
        int len = 0;
        for (int i = 0; i < n; i++) {
            int lo = 0, hi = len;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (seq[tails[mid]] < seq[i]) lo = mid + 1;
                else hi = mid;
            }
            prev[i] = lo > 0 ? tails[lo - 1] : -1;
            tails[lo] = i;
            if (lo == len) len++;
        }
        boolean[] on = new boolean[n];
        for (int i = len == 0 ? -1 : tails[len - 1]; i >= 0; i = prev[i]) on[i] = true;
        return on;
    }
}
