package io.baobei.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * For the PostgreSQL run of the suite ({@code -Dbaobei.test.database=postgres}, set by the second
 * Surefire execution): creates fresh databases on the local server before any test and drops them after
 * the last one, so every run starts empty and leaves nothing behind. One database per kind of Spring
 * context ("main" without a job executor, "web" with one), so the two never pick up each other's jobs.
 * <p>
 * Server: BAOBEI_TEST_PG_URL (default jdbc:postgresql://127.0.0.1:5432/postgres), BAOBEI_TEST_PG_USER
 * (postgres), BAOBEI_TEST_PG_PASSWORD (empty). When the server cannot be reached the PostgreSQL run is
 * skipped and reported as skipped, unless {@code baobei.test.postgres.required=true} (CI), which fails it.
 */
public class PostgresTestDatabase implements LauncherSessionListener {

    static final String UNAVAILABLE = "baobei.test.postgres.unavailable";
    static final List<String> KINDS = List.of("main", "web");

    private String prefix;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (!isPostgresRun()) {
            return;
        }
        prefix = "baobei_test_" + Long.toString(System.currentTimeMillis(), 36)
                + Integer.toString(ThreadLocalRandom.current().nextInt(1_000_000), 36);
        try (Connection connection = admin(); Statement statement = connection.createStatement()) {
            for (String kind : KINDS) {
                statement.execute("CREATE DATABASE " + prefix + "_" + kind + " ENCODING 'UTF8' TEMPLATE template0");
                System.setProperty("baobei.test.datasource.url." + kind, databaseUrl(prefix + "_" + kind));
            }
            System.setProperty("baobei.test.datasource.username", user());
            System.setProperty("baobei.test.datasource.password", password());
        } catch (SQLException e) {
            prefix = null;
            String reason = "PostgreSQL not reachable at " + serverUrl() + ": " + e.getMessage();
            if (Boolean.getBoolean("baobei.test.postgres.required")) {
                throw new IllegalStateException(reason + " (required: baobei.test.postgres.required=true)", e);
            }
            System.err.println("[baobei] " + reason + " -- the PostgreSQL tests are skipped");
            System.setProperty(UNAVAILABLE, reason);
        }
    }

    /**
     * Spring closes its cached test contexts (and their connection pools) in a JVM shutdown hook, after
     * this point; dropping the databases now would pull them from under a running engine. So the drop
     * runs in a shutdown hook too, once no connection to the test databases is left (or after 20 s).
     */
    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (prefix == null) {
            return;
        }
        String databases = prefix;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> dropWhenIdle(databases), "baobei-drop-test-databases"));
    }

    private static void dropWhenIdle(String prefix) {
        try (Connection connection = admin(); Statement statement = connection.createStatement()) {
            long deadline = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < deadline) {
                try (var rs = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname IN ('"
                        + prefix + "_main', '" + prefix + "_web')")) {
                    rs.next();
                    if (rs.getInt(1) == 0) {
                        break;
                    }
                }
                Thread.sleep(200);
            }
            for (String kind : KINDS) {
                statement.execute("DROP DATABASE IF EXISTS " + prefix + "_" + kind + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            System.err.println("[baobei] could not drop test databases " + prefix + "_*: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static boolean isPostgresRun() {
        return "postgres".equals(System.getProperty("baobei.test.database", "h2").toLowerCase(Locale.ROOT));
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection(serverUrl(), user(), password());
    }

    private static String serverUrl() {
        return env("BAOBEI_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    }

    private static String databaseUrl(String database) {
        String server = serverUrl();
        int slash = server.lastIndexOf('/');
        int query = server.indexOf('?', slash);
        return server.substring(0, slash + 1) + database + (query < 0 ? "" : server.substring(query));
    }

    private static String user() {
        return env("BAOBEI_TEST_PG_USER", "postgres");
    }

    private static String password() {
        return env("BAOBEI_TEST_PG_PASSWORD", "");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
