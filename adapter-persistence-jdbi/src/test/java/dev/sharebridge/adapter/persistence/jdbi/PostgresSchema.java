package dev.sharebridge.adapter.persistence.jdbi;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * A schema of its own on the test PostgreSQL server, so that test classes and concurrent builds
 * never see each other's rows. The server is required: when it does not answer, the tests fail.
 * Published in this module's test jar for bootstrap's end-to-end tests on PostgreSQL.
 */
public final class PostgresSchema implements AutoCloseable {
    public static final String SERVER_URL = env("SHAREBRIDGE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = env("SHAREBRIDGE_TEST_PG_USER", "postgres");
    public static final String PASSWORD = env("SHAREBRIDGE_TEST_PG_PASSWORD", "");

    private final String name;

    private PostgresSchema(String name) {
        this.name = name;
    }

    /** Creates a schema with a random name; {@link #close} drops it with everything in it. */
    public static PostgresSchema create() throws SQLException {
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        PostgresSchema schema = new PostgresSchema("sb_test_" + HexFormat.of().formatHex(random));
        schema.execute("CREATE SCHEMA " + schema.name);
        return schema;
    }

    public String name() {
        return name;
    }

    /** The server URL with this schema as the connection's current schema. */
    public String url() {
        return SERVER_URL + (SERVER_URL.contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    public JdbiPersistence open() {
        return JdbiPersistence.open(url(), USER, PASSWORD);
    }

    @Override
    public void close() throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER_URL, USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
