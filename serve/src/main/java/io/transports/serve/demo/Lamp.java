package io.transports.serve.demo;

import java.util.ArrayList;
import java.util.List;

/** The demo's hosted model: an ordinary mutable class; a timer changes some fields, the page edits others. */
public class Lamp {
    public String name = "desk lamp";
    public boolean on = true;
    public long brightness = 70;
    public double temperature = 21.0;
    public long uptime;
    public List<String> notes = new ArrayList<>(List.of("edit any field: the Java object changes"));
}
