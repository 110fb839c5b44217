package io.transports.codec;

import io.transports.patch.Op;
import io.transports.value.Path;
import io.transports.value.Value;

/** The fields of an op's body as the reader collects them: which each kind has, and the op they build. */
final class OpFields {
    static final int PATH = 1, VALUE = 2, INDEX = 4, FROM = 8, TO = 16, ORDER = 32;
    static final int SET = PATH | VALUE, REMOVE = PATH, INSERT = PATH | INDEX | VALUE, REMOVE_AT = PATH | INDEX,
            MOVE = PATH | FROM | TO, REORDER = PATH | ORDER;
    private static final String[] NAMES = {"path", "value", "index", "from", "to", "order"};

    int seen;
    Path path;
    Value value;
    int index, from, to;
    int[] order;

    static int bit(String name) {
        for (int i = 0; i < NAMES.length; i++) if (NAMES[i].equals(name)) return 1 << i;
        return 0;
    }

    /** The names of the fields in a set, in the order of docs/protocol.md: "path, from, to". */
    static String list(int fields) {
        StringBuilder b = new StringBuilder();
        for (String n : new String[] {"path", "index", "value", "from", "to", "order"}) {
            if ((fields & bit(n)) != 0) b.append(b.length() > 0 ? ", " : "").append(n);
        }
        return b.toString();
    }

    Op build(String kind) {
        return switch (kind) {
            case "Set" -> new Op.Set(path, value);
            case "Remove" -> new Op.Remove(path);
            case "Insert" -> new Op.Insert(path, index, value);
            case "RemoveAt" -> new Op.RemoveAt(path, index);
            case "Move" -> new Op.Move(path, from, to);
            default -> new Op.Reorder(path, order);
        };
    }
}
