package io.transports.connections.support;

import java.util.ArrayList;
import java.util.List;

/** The hosted model of the tests: an ordinary mutable class with public fields. */
public class Board {
    public String title = "";
    public long tick;
    public List<String> notes = new ArrayList<>();
    public String blob = "";

    public Board() {}

    public Board(String title) { this.title = title; }
}
