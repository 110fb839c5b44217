package io.transports.crdt;

import io.transports.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random local edits for the property tests: a text spec, and a map spec with a text field, a title
 * register, a whole-value set, a keyed set of records and a list; each edit valid for the document it
 * is made on (indexes within the text, removes of members that exist).
 */
final class RandomEdits {
    static final CrdtSpec TEXT = CrdtSpec.of(CrdtPolicy.text());
    static final CrdtSpec RECORD = CrdtSpec.fromJson("""
            {"root":{"kind":"map","fields":{
              "text":{"kind":"sequence","materialization":"string"},
              "title":{"kind":"register"},
              "tags":{"kind":"set"},
              "rows":{"kind":"set","keys":[["id"]],"element":{"kind":"map","fields":{"id":{"kind":"register"},"title":{"kind":"register"}}}},
              "items":{"kind":"sequence","element":{"kind":"register"}}}}}""");
    private static final String CHARS = "abcxyz λé😀";

    private RandomEdits() {}

    static Value initial(CrdtSpec spec) {
        if (spec == TEXT) return Value.of("seed");
        return Value.map(Map.of("text", Value.of("ab"), "title", Value.of("draft"), "tags", Value.list(Value.of("red")),
                "rows", Value.list(Value.map(Map.of("id", Value.of(1), "title", Value.of("one")))), "items", Value.list(Value.of(1))));
    }

    static CrdtChange edit(Random rng, CrdtDocument doc) {
        return doc.mutate(mutation(rng, doc));
    }

    static CrdtMutation mutation(Random rng, CrdtDocument doc) {
        if (doc.spec() == TEXT) return splice(rng, List.of(), doc.value());
        var v = (io.transports.value.MapValue) doc.value();
        PathSegment text = PathSegment.key("text");
        switch (rng.nextInt(7)) {
            case 0, 1, 2:
                if (v.get("text") != null) return splice(rng, List.of(text), v.get("text"));
                return new CrdtMutation.MapSet(List.of(), "text", Value.of("re"));
            case 3:
                return new CrdtMutation.RegisterSet(List.of(PathSegment.key("title")), Value.of(rng.nextInt(100)));
            case 4: {
                var tags = (io.transports.value.ListValue) v.get("tags");
                if (tags != null && tags.size() > 0 && rng.nextBoolean()) {
                    Value member = tags.get(rng.nextInt(tags.size()));
                    return new CrdtMutation.SetRemove(List.of(PathSegment.key("tags")), doc.memberKey(List.of(PathSegment.key("tags")), member));
                }
                return new CrdtMutation.SetAdd(List.of(PathSegment.key("tags")), Value.of(List.of("red", "green", "blue").get(rng.nextInt(3))));
            }
            case 5: {
                var rows = (io.transports.value.ListValue) v.get("rows");
                List<PathSegment> at = List.of(PathSegment.key("rows"));
                if (rows != null && rows.size() > 0 && rng.nextBoolean()) {
                    String key = doc.memberKey(at, rows.get(rng.nextInt(rows.size())));
                    if (rng.nextBoolean()) return new CrdtMutation.SetRemove(at, key);
                    return new CrdtMutation.RegisterSet(List.of(PathSegment.key("rows"), PathSegment.member(key), PathSegment.key("title")), Value.of("t" + rng.nextInt(9)));
                }
                return new CrdtMutation.SetAdd(at, Value.map(Map.of("id", Value.of(rng.nextInt(4)), "title", Value.of("new"))));
            }
            default:
                if (rng.nextInt(4) == 0) return new CrdtMutation.MapRemove(List.of(), List.of("text", "title", "items").get(rng.nextInt(3)));
                var items = (io.transports.value.ListValue) v.get("items");
                if (items == null) return new CrdtMutation.MapSet(List.of(), "items", Value.list());
                int index = rng.nextInt(items.size() + 1);
                int delete = index < items.size() ? rng.nextInt(2) : 0;
                return new CrdtMutation.SequenceSplice(List.of(PathSegment.key("items")), index, delete, List.of(Value.of(rng.nextInt(50))));
        }
    }

    static CrdtMutation.SequenceSplice splice(Random rng, List<PathSegment> path, Value text) {
        int n = ((io.transports.value.StrValue) text).value().codePointCount(0, ((io.transports.value.StrValue) text).value().length());
        int index = rng.nextInt(n + 1);
        int delete = rng.nextInt(3) == 0 ? rng.nextInt(Math.min(3, n - index) + 1) : 0;
        List<Value> values = new ArrayList<>();
        int count = rng.nextInt(4) + (delete == 0 ? 1 : 0);
        for (int i = 0; i < count; i++) {
            int at = rng.nextInt(CHARS.codePointCount(0, CHARS.length()));
            int off = CHARS.offsetByCodePoints(0, at);
            values.add(Value.of(new String(Character.toChars(CHARS.codePointAt(off)))));
        }
        return new CrdtMutation.SequenceSplice(path, index, delete, values);
    }
}
