package dev.sharebridge.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourcesTest {
    private final List<String> closed = new ArrayList<>();

    @Test
    void closesLastOpenedFirstAndEveryOneOnce() {
        Resources resources = new Resources();
        resources.add(() -> closed.add("database"));
        resources.add(() -> closed.add("storage"));
        resources.add(() -> closed.add("http"));

        resources.close();
        resources.close();

        assertThat(closed).containsExactly("http", "storage", "database");
    }

    @Test
    void aFailingCloseStopsNoOtherAndTheFirstFailureCarriesTheRest() {
        Resources resources = new Resources();
        resources.add(() -> closed.add("database"));
        resources.add(() -> {
            throw new IllegalStateException("pool");
        });
        resources.add(() -> {
            throw new java.io.IOException("socket");
        });

        assertThatThrownBy(resources::close)
                .hasRootCauseMessage("socket")
                .satisfies(e -> assertThat(e.getSuppressed())
                        .extracting(Throwable::getMessage)
                        .containsExactly("pool"));
        assertThat(closed).containsExactly("database");
    }

    @Test
    void aProviderWithoutConnectionsIsKeptOnlyWhenItCanBeClosed() {
        Resources resources = new Resources();
        Object plain = new Object();
        AutoCloseable pool = () -> closed.add("pool");

        assertThat(resources.addIfCloseable(plain)).isSameAs(plain);
        resources.addIfCloseable(pool);
        resources.addIfCloseable(pool);
        resources.close();

        assertThat(closed).containsExactly("pool");
    }
}
