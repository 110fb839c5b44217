package io.transports.backplane.support;

import java.util.ArrayList;
import java.util.List;

/**
 * A shared model that shows a lost or repeated patch: the host appends 0, 1, 2, ... one entry per
 * revision, so a mirror that missed a patch or applied one twice holds a list that is not 0..n-1.
 */
public final class Journal {
    public List<Long> entries = new ArrayList<>();
}
