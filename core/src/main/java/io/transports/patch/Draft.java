package io.transports.patch;

import io.transports.value.Value;

/**
 * A container being edited inside one {@link Apply} call. Drafts are mutable and private to that call;
 * at the end they are frozen back into immutable Values. They exist so that a patch of many ops copies
 * each touched container once, not once per op, while the input value is never written to (which is
 * what makes a failed patch leave it untouched).
 */
sealed interface Draft permits ListDraft, MapDraft {

    /** The immutable value this draft now describes; children that are drafts are frozen too. */
    Value freeze();

    /** The wire tag of the container this draft edits, for error messages. */
    String tag();
}
