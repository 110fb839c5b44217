package io.transports;

import java.util.ArrayList;
import java.util.List;

/** A richer mutable test model: numbers, a nested list. */
public class Thermostat {
    public String room = "hall";
    public int target = 20;
    public double reading = 19.5;
    public List<String> log = new ArrayList<>();
}
