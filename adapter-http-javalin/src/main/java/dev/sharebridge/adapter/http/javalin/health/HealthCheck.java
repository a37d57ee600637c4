package dev.sharebridge.adapter.http.javalin.health;

/** One dependency probed by {@code GET /health} (the database, a storage provider). */
public interface HealthCheck {
    /** A short stable name reported when the check fails, e.g. {@code database}. */
    String name();

    /** Returns normally when the dependency answers; throws otherwise. */
    void check() throws Exception;

    /** A check from a name and a probe. */
    static HealthCheck of(String name, Probe probe) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void check() throws Exception {
                probe.run();
            }
        };
    }

    /** The body of a check. */
    @FunctionalInterface
    interface Probe {
        void run() throws Exception;
    }
}
