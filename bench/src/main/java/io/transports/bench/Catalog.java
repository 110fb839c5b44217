package io.transports.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark model: a catalog of items, about 12 Value nodes per item (a map, five leaves, a list
 * of two tags, a nested map of two leaves). 830 items make a graph of about 10,000 nodes. The Python
 * comparison (compare_python.py) builds the same shape with pydantic.
 */
public class Catalog {
    public static class Dims {
        public double w;
        public double h;
    }

    public static class Item {
        public int id;
        public String label;
        public double price;
        public int qty;
        public boolean active;
        public List<String> tags = new ArrayList<>();
        public Dims dims = new Dims();
    }

    public String name = "catalog";
    public List<Item> items = new ArrayList<>();

    public static Catalog of(int n) {
        Catalog c = new Catalog();
        for (int i = 0; i < n; i++) {
            Item it = new Item();
            it.id = i;
            it.label = "item " + i;
            it.price = i * 1.25;
            it.qty = i % 17;
            it.active = i % 2 == 0;
            it.tags.add("t" + (i % 5));
            it.tags.add("u" + (i % 7));
            it.dims.w = i % 3;
            it.dims.h = i % 11 + 0.5;
            c.items.add(it);
        }
        return c;
    }

    /** Items for a graph of about {@code nodes} Value nodes. */
    public static int itemsFor(int nodes) { return nodes / 12; }
}
