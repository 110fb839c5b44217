package io.transports.bench;

import io.transports.Session;
import io.transports.SubmitResult;
import io.transports.bridge.BeanValidation;
import io.transports.bridge.JsonSchema;
import io.transports.patch.Op;
import io.transports.patch.Patch;
import io.transports.value.Path;
import io.transports.value.Value;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * What the widget's form features cost on the Java side: one proposal (a Set on a constrained bean)
 * through Session.submit with Bean Validation on and off (each value of {@code validation} runs in its
 * own JVM, so the validator is found or not from the start), and making a class's schema (the kernel
 * makes it once per class and caches it).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class FormBench {
    public record Reading(String sensor, double celsius) {}

    public static class Rig {
        @NotBlank public String name = "rig";
        @Min(0) @Max(100) public int speed = 10;
        @Email public String owner = "ops@example.com";
        public List<Reading> readings = new ArrayList<>(List.of(new Reading("a", 1), new Reading("b", 2)));
        public Map<String, Integer> stock = new java.util.LinkedHashMap<>(Map.of("bolts", 4));
    }

    @Param({"true", "false"})
    public String validation;

    private Session session;
    private long id;
    private int next;

    @Setup(Level.Trial)
    public void setup() {
        System.setProperty("transports.validation", validation);
        session = new Session();
        id = session.host(new Rig());
        System.out.println("\nvalidation active: " + BeanValidation.active());
    }

    @Benchmark
    public SubmitResult proposeOneField() {
        next = (next + 1) % 100;
        return session.submit(id, new Patch(0, List.of(new Op.Set(Path.parse("speed"), Value.of(next)))));
    }

    @Benchmark
    public Map<String, Object> schemaOfAFormClass() {
        return JsonSchema.tree(Rig.class);
    }
}
