package io.transports.bridge;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;

/** Classes for the form schema and Bean Validation tests: one feature each, named for it. */
final class FormFixtures {
    private FormFixtures() {}

    /** Declared z, a, then a key that looks like an integer (JavaScript would put it first). */
    record Ordered(String zebra, int apple, @JsonProperty("10") boolean ten) {}

    @JsonPropertyOrder({"second", "first"})
    record Reordered(String first, String second, String third) {}

    @JsonClassDescription("A thing with words")
    record Described(@JsonPropertyDescription("what it is called") String name) {}

    record Widths(byte b, short s, int i, long l, Integer boxed, float f, double d, Double boxedD,
                  BigInteger big, BigDecimal money, char c) {}

    record Times(LocalDate day, LocalTime at, LocalDateTime local, Instant instant, OffsetDateTime offset,
                 ZonedDateTime zoned, Duration length, UUID id) {}

    enum Mode { ECO, NORMAL, TURBO }

    record WithEnum(Mode mode) {}

    @Retention(RetentionPolicy.RUNTIME) @interface NonNull {}

    record Nulls(String maybe, @NotNull String sure, @NonNull String alsoSure, int primitive,
                 Optional<String> optional, OptionalInt optionalInt) {}

    record Item(String title, int qty) {}

    record Containers(List<Item> items, Set<String> tags, Map<String, Integer> counts, Map<Mode, Double> byMode,
                      Map<Integer, String> byNumber, int[] numbers) {}

    static class Bean {
        public String label = "new";
        public int size = 3;
        public List<Item> items = new ArrayList<>();
    }

    record HoldsBean(List<Bean> beans, Map<String, Item> named) {}

    /** A class whose only constructor needs an argument that must not be zero: no default. */
    static class NoDefault {
        public final int n;
        NoDefault(int n) {
            if (n == 0) throw new IllegalArgumentException("n must not be 0");
            this.n = n;
        }
    }

    record HoldsNoDefault(List<NoDefault> list) {}

    record Constrained(
            @Min(0) @Max(100) int speed,
            @Positive double rate,
            @PositiveOrZero long count,
            @Negative int below,
            @DecimalMin("0.5") @DecimalMax(value = "9.5", inclusive = false) BigDecimal price,
            @Size(min = 2, max = 10) String code,
            @Size(max = 3) List<String> few,
            @NotEmpty List<String> some,
            @Pattern(regexp = "[a-z]+") String word,
            @Email String mail,
            @NotBlank String title,
            @Min(value = 1, message = "at least {value}, please") int custom) {}

    record TypeArguments(Map<String, @Min(0) Integer> stock, List<@NotBlank String> tags,
                         Optional<@Size(max = 3) String> code) {}

    /** A mutable bean with constraints, for proposals. */
    static class Machine {
        @NotBlank public String name = "press";
        @Min(0) @Max(100) public int speed = 10;
        @Email public String owner = "a@b.co";
        @Valid @Size(max = 3) public List<Part> parts = new ArrayList<>();
        public Map<String, @Min(0) Integer> stock = new LinkedHashMap<>();
        @JsonProperty("max-load") @Max(50) public int maxLoad = 5;
    }

    record Part(@NotBlank String label, @Positive double weight) {}

    /** Every structural kind, for proposals without constraints. */
    static class Everything {
        public List<Item> items = new ArrayList<>(List.of(new Item("a", 1), new Item("b", 2), new Item("c", 3)));
        public Map<String, Integer> counts = new LinkedHashMap<>(Map.of("x", 1));
        public String note = "hello";
        public Optional<String> maybe = Optional.of("here");
        public Mode mode = Mode.ECO;
        public LocalDate day = LocalDate.of(2026, 1, 2);
        public BigDecimal money = new BigDecimal("1.5");
        public Item pinned = new Item("p", 0);
    }
}
