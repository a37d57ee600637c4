package dev.sharebridge.adapter.http.javalin.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.domain.Field;
import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.share.Share;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every field of the domain has its own snake_case name on the wire, and problems use it. */
class WireNamesTest {

    @Test
    void every_domain_field_has_a_distinct_snake_case_wire_name() {
        for (Field field : Field.values()) {
            assertThat(WireNames.of(field)).as(field.name()).matches("[a-z]+(_[a-z]+)*");
        }
        Set<String> names = Arrays.stream(Field.values()).map(WireNames::of).collect(Collectors.toSet());
        assertThat(names).hasSize(Field.values().length);
    }

    @Test
    void the_detail_names_a_domain_field_as_the_client_does() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertThatThrownBy(() -> Share.checkFutureExpiry(now, now))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.field()).isEqualTo("expiresAt");
                    assertThat(WireNames.detail(e)).isEqualTo("expires_at must be in the future");
                });
        assertThat(WireNames.detail(new InvalidValueException(Field.ITEM_TYPE, "the root of a space is a folder")))
                .isEqualTo("item_type: the root of a space is a folder");
    }

    @Test
    void an_adapters_own_field_and_a_message_taken_as_it_is_are_shown_unchanged() {
        assertThat(WireNames.detail(new InvalidValueException("item_id", "item_id is required")))
                .isEqualTo("item_id is required");
        assertThat(WireNames.detail(InvalidValueException.withMessage(Field.PATH, "no {field} here")))
                .isEqualTo("path: no {field} here");
    }
}
