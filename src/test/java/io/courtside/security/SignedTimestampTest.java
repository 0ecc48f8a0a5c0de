package io.courtside.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The signature's Timestamp read digit by digit gives what Instant.parse gives, and leaves it every other form. */
class SignedTimestampTest {

    @Test
    void readsEverySecondsTimestampAsInstantParseDoes() {
        Random random = new Random(7);
        for (int n = 0; n < 50_000; n++) {
            // Every field one past its range now and then: 13th months, 32nd days, 24th hours, leap seconds.
            String value = String.format("%04d-%02d-%02dT%02d:%02d:%02dZ", random.nextInt(10_000),
                    random.nextInt(14), random.nextInt(33), random.nextInt(25), random.nextInt(61), random.nextInt(61));
            Instant plain = CallerAuthentication.plainUtcSeconds(value);
            Instant parsed;
            try {
                parsed = Instant.parse(value);
            } catch (DateTimeParseException e) {
                parsed = null;
            }
            if (plain != null) {
                assertThat(plain).as(value).isEqualTo(parsed);
            } else if (parsed != null) {
                // Only a leap second is left to Instant.parse among the forms it reads.
                assertThat(value.substring(17, 19)).as(value).isEqualTo("60");
            }
        }
        assertThat(CallerAuthentication.plainUtcSeconds("2024-02-29T23:59:59Z"))
                .isEqualTo(Instant.parse("2024-02-29T23:59:59Z"));
        assertThat(CallerAuthentication.plainUtcSeconds("2023-02-29T00:00:00Z")).isNull();
    }

    @Test
    void leavesOtherFormsToInstantParse() {
        for (String other : new String[] {"2026-12-02T10:00:00.5Z", "2026-12-02T10:00:00+00:00", "2026-12-02 10:00:00Z",
                "2026-12-02T10:00:0aZ", "+2026-12-02T10:00:0Z", "2026-12-02T10:00:00z", "", "２０２６-12-02T10:00:00Z"}) {
            assertThat(CallerAuthentication.plainUtcSeconds(other)).as(other).isNull();
        }
        assertThat(CallerAuthentication.plainUtcSeconds(null)).isNull();
    }
}
