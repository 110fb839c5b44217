package io.transports.bridge;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Reading java.time values back from their ISO-8601 text. Writing needs no help: each of these types'
 * {@code toString} is its ISO-8601 form, and each {@code parse} reads that form back.
 */
final class IsoTime {
    private IsoTime() {}

    /** Parse {@code s} as the java.time type {@code c}; throws DateTimeException if it is not that form. */
    static Object parse(Class<?> c, String s) {
        if (c == Instant.class) return Instant.parse(s);
        if (c == LocalDate.class) return LocalDate.parse(s);
        if (c == LocalDateTime.class) return LocalDateTime.parse(s);
        if (c == LocalTime.class) return LocalTime.parse(s);
        if (c == OffsetDateTime.class) return OffsetDateTime.parse(s);
        if (c == OffsetTime.class) return OffsetTime.parse(s);
        if (c == ZonedDateTime.class) return ZonedDateTime.parse(s);
        if (c == Year.class) return Year.parse(s);
        if (c == YearMonth.class) return YearMonth.parse(s);
        if (c == MonthDay.class) return MonthDay.parse(s);
        if (c == Duration.class) return Duration.parse(s);
        if (c == Period.class) return Period.parse(s);
        if (c == ZoneOffset.class) return ZoneOffset.of(s);
        return ZoneId.of(s);
    }
}
