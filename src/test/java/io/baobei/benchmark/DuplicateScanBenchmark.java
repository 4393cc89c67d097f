package io.baobei.benchmark;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.baobei.BaobeiApplication;
import io.baobei.dedup.CompanyName;
import io.baobei.dedup.CompanyNames;
import io.baobei.duplicates.DuplicateScanService;
import io.baobei.identity.Actor;
import io.baobei.identity.Role;
import io.baobei.privacy.ContactCrypto;

/**
 * Duration of the duplicate scan (重复客户扫描) over 100k / 1M customers: a command, not a test (docs/benchmarks.md).
 * <pre>
 * ./mvnw -q test-compile exec:java -Dexec.mainClass=io.baobei.benchmark.DuplicateScanBenchmark \
 *     -Dexec.args="--db=postgres --customers=1000000"
 * </pre>
 * Options: {@code --db=postgres|h2}, {@code --customers}, {@code --duplicates} (seeded duplicates per customer,
 * 0.01), {@code --seed} (1), {@code --batch-rows} and {@code --max-group} (the scan's settings, defaults of
 * application.yml), {@code --keep}. PostgreSQL: BAOBEI_TEST_PG_URL / _USER / _PASSWORD as for DedupBenchmark.
 * <p>
 * It creates a fresh database, starts the application (profile "bench", no job executor), loads synthetic customers
 * with {@link BulkLoader}, adds seeded duplicates of some of them (a region moved, another legal form, a 同音 or 形近
 * typo in the trade name or one by any character, or another company name with the same phone), then starts a scan through the real service and runs its
 * jobs one after the other, as one node's job executor does, and reports the time, the throughput, the clusters and
 * how many seeded duplicates ended in the cluster of their original.
 */
public final class DuplicateScanBenchmark {

    /** How a duplicate came about; typos as DedupBenchmark makes them: 同音, 形近, and any character for comparison. */
    private enum Seeded { REGION_MOVED, LEGAL_FORM, TYPO_HOMOPHONE, TYPO_SHAPE, TYPO_RANDOM, SAME_PHONE }

    private record Duplicate(Seeded kind, long original, long copy) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            options.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
        }
        boolean postgres = options.getOrDefault("db", "postgres").toLowerCase(Locale.ROOT).equals("postgres");
        int count = Integer.parseInt(options.getOrDefault("customers", "100000"));
        double share = Double.parseDouble(options.getOrDefault("duplicates", "0.01"));
        long seed = Long.parseLong(options.getOrDefault("seed", "1"));
        boolean keep = Boolean.parseBoolean(options.getOrDefault("keep", "false"));
        List<String> appArgs = new ArrayList<>(List.of("--server.port=-1", "--camunda.bpm.job-execution.enabled=false"));
        if (options.containsKey("batch-rows")) {
            appArgs.add("--baobei.duplicates.scan.batch-rows=" + options.get("batch-rows"));
        }
        if (options.containsKey("max-group")) {
            appArgs.add("--baobei.duplicates.scan.max-group=" + options.get("max-group"));
        }

        String server = env("BAOBEI_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String user = postgres ? env("BAOBEI_TEST_PG_USER", "postgres") : "sa";
        String password = postgres ? env("BAOBEI_TEST_PG_PASSWORD", "") : "";
        String name = "baobei_scan_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        String url;
        Path h2 = Path.of("target", "bench", "baobei-scan").toAbsolutePath();
        if (postgres) {
            int slash = server.lastIndexOf('/');
            url = server.substring(0, slash + 1) + name;
            try (Connection c = DriverManager.getConnection(server, user, password); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
            }
        } else {
            Files.createDirectories(h2.getParent());
            deleteH2(h2);
            url = "jdbc:h2:file:" + h2 + ";DB_CLOSE_ON_EXIT=FALSE";
        }
        appArgs.addAll(List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password));
        long started = System.nanoTime();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BaobeiApplication.class)
                .web(WebApplicationType.SERVLET).profiles("bench").run(appArgs.toArray(String[]::new))) {
            run(context, postgres, count, share, seed);
        } finally {
            if (keep) {
                System.out.println("kept: " + url);
            } else if (postgres) {
                try (Connection c = DriverManager.getConnection(server, user, password);
                     Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                }
            } else {
                deleteH2(h2);
            }
        }
        System.out.printf("total run time %s%n", duration(System.nanoTime() - started));
    }

    private static void run(ConfigurableApplicationContext context, boolean postgres, int count, double share,
                            long seed) throws Exception {
        DataSource dataSource = context.getBean(DataSource.class);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        long loadStart = System.nanoTime();
        BulkLoader.Population population = new BulkLoader(seed).load(dataSource, postgres, count);
        List<Duplicate> duplicates = seedDuplicates(dataSource, population, share, seed);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute(postgres ? "vacuum (analyze) customer, customer_name_key" : "analyze");
        }
        long keyRows = jdbc.queryForObject("select count(*) from customer_name_key", Long.class);
        System.out.printf("loaded %,d customers (%,d of them seeded duplicates) and %,d key rows in %s%n",
                population.size + duplicates.size(), duplicates.size(), keyRows, duplicate(loadStart));

        DuplicateScanService scans = context.getBean(DuplicateScanService.class);
        ManagementService management = context.getBean(ManagementService.class);
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long scanStart = System.nanoTime();
        long scanId = scans.start(new Actor("bench", Role.ADMIN, null, Set.of())).id();
        String processInstance = jdbc.queryForObject("select process_instance_id from duplicate_scan where id = ?",
                String.class, scanId);
        int jobs = 0;
        long lastReport = System.nanoTime();
        Job job;
        while ((job = management.createJobQuery().processInstanceId(processInstance).singleResult()) != null) {
            management.executeJob(job.getId());
            jobs++;
            if (System.nanoTime() - lastReport > 30_000_000_000L) {
                DuplicateScanService.ScanView view = scans.latest();
                System.out.printf("  %s: %s %d%% (%,d of %,d key rows), %,d pairs confirmed%n",
                        duration(System.nanoTime() - scanStart), view.phase(), view.percent(), view.rowsRead(),
                        view.rowsTotal(), view.pairsConfirmed());
                lastReport = System.nanoTime();
            }
        }
        long scanNanos = System.nanoTime() - scanStart;
        DuplicateScanService.ScanView view = scans.latest();

        Map<Long, Long> clusterOf = new HashMap<>();
        jdbc.query("select m.customer_id, m.cluster_id from duplicate_cluster_member m join duplicate_cluster c"
                + " on c.id = m.cluster_id where c.scan_id = ?", rs -> {
            clusterOf.put(rs.getLong(1), rs.getLong(2));
        }, scanId);
        Map<Seeded, int[]> found = new TreeMap<>();
        for (Duplicate d : duplicates) {
            Long a = clusterOf.get(d.original());
            boolean together = a != null && a.equals(clusterOf.get(d.copy()));
            int[] tally = found.computeIfAbsent(d.kind(), k -> new int[2]);
            tally[0]++;
            tally[1] += together ? 1 : 0;
        }
        Map<String, Long> sizes = new TreeMap<>();
        jdbc.query("select member_count, count(*) from duplicate_cluster where scan_id = ? group by member_count", rs -> {
            int size = rs.getInt(1);
            String bucket = size <= 5 ? String.valueOf(size) : size <= 20 ? "6-20" : size <= 100 ? "21-100" : ">100";
            sizes.merge(bucket, rs.getLong(2), Long::sum);
        }, scanId);
        String version = jdbc.queryForObject(postgres ? "select version()" : "select h2version()", String.class);

        System.out.println();
        System.out.printf("database %s (%s)%n", postgres ? "PostgreSQL" : "H2", version);
        System.out.printf("scan of %,d customers: %s in %d jobs (batch %s rows, max group %d), %,.0f key rows/s,"
                        + " %,.0f customers/s%n", population.size + duplicates.size(), duration(scanNanos), jobs,
                context.getEnvironment().getProperty("baobei.duplicates.scan.batch-rows"), view.maxGroup(),
                view.rowsTotal() / (scanNanos / 1e9), (population.size + duplicates.size()) / (scanNanos / 1e9));
        System.out.printf("key rows %,d, keys skipped (over max group) %,d, pairs checked %,d, pairs confirmed %,d,"
                + " clusters %,d; load average at the start %.2f%n", view.rowsTotal(), view.keysSkipped(),
                view.pairsChecked(), view.pairsConfirmed(), view.clusters(), load);
        System.out.println("clusters by size: " + sizes);
        found.forEach((kind, tally) -> System.out.printf("seeded %-12s %,6d, in the cluster of their original %5.1f%%%n",
                kind, tally[0], 100.0 * tally[1] / Math.max(1, tally[0])));
        System.out.println();
        System.out.println("| db | customers | key rows | scan | key rows/s | pairs checked | pairs confirmed | clusters | seeded found |");
        int all = duplicates.size();
        int together = found.values().stream().mapToInt(t -> t[1]).sum();
        System.out.printf("| %s | %,d | %,d | %s | %,.0f | %,d | %,d | %,d | %.1f%% |%n", postgres ? "PostgreSQL" : "H2",
                population.size + duplicates.size(), view.rowsTotal(), duration(scanNanos),
                view.rowsTotal() / (scanNanos / 1e9), view.pairsChecked(), view.pairsConfirmed(), view.clusters(),
                100.0 * together / Math.max(1, all));
    }

    /**
     * Writes a duplicate of every 1/share-th customer the way the data gets them (imports before the check existed):
     * rows with ids after the population, their analysed names and keys, straight into the tables like BulkLoader.
     */
    private static List<Duplicate> seedDuplicates(DataSource dataSource, BulkLoader.Population population, double share,
                                                  long seed) throws Exception {
        SyntheticCompanies generator = new SyntheticCompanies();
        // a stream of its own, not one of BulkLoader's chunk streams (see DedupBenchmark.checks)
        SplittableRandom random = new SplittableRandom(seed * 7919 + 13).split();
        int wanted = (int) Math.round(population.size * share);
        List<Duplicate> seeded = new ArrayList<>(wanted);
        Instant now = Instant.parse("2025-11-02T02:00:00Z");
        ContactCrypto crypto = ContactCrypto.get();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            PreparedStatement exists = connection.prepareStatement("select 1 from customer where normalized_name = ?");
            PreparedStatement customer = connection.prepareStatement("insert into customer (id, company_name,"
                    + " normalized_name, phone_hash, grade, status, in_pool_since, claimable_from, created_at, updated_at,"
                    + " version, name_core, name_trade, name_region, name_branch, name_group, name_version)"
                    + " values (?, ?, ?, ?, 'C', 'POOL', ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)");
            PreparedStatement key = connection.prepareStatement("insert into customer_name_key (customer_id, name_key)"
                    + " values (?, ?)");
            long nextId = population.size + 1L;
            for (int n = 0; n < wanted * 3 && seeded.size() < wanted; n++) {
                int original = random.nextInt(population.size);
                SyntheticCompanies.Company company = population.companies[original];
                Seeded kind = Seeded.values()[random.nextInt(Seeded.values().length)];
                String phoneHash = null;
                String name = switch (kind) {
                    case REGION_MOVED -> SyntheticCompanies.regionMoved(company);
                    case LEGAL_FORM -> SyntheticCompanies.legalFormChanged(company);
                    case TYPO_HOMOPHONE -> generator.typo(company, SyntheticCompanies.Typo.HOMOPHONE, random);
                    case TYPO_SHAPE -> generator.typo(company, SyntheticCompanies.Typo.SHAPE, random);
                    case TYPO_RANDOM -> generator.typo(company, random);
                    case SAME_PHONE -> generator.company(random).name();
                };
                if (name == null) {
                    continue; // no 同音 / 形近 character in this trade name
                }
                if (kind == Seeded.SAME_PHONE) {
                    if (population.phones[original] == 0) {
                        continue;
                    }
                    phoneHash = crypto.blindIndex(Long.toString(population.phones[original]));
                }
                CompanyName analysed = CompanyNames.analyze(name);
                exists.setString(1, analysed.full());
                try (var rs = exists.executeQuery()) {
                    if (rs.next()) {
                        continue; // the variant is spelled like a customer already there: not a new row
                    }
                }
                long id = nextId++;
                int c = 1;
                customer.setLong(c++, id);
                customer.setString(c++, name);
                customer.setString(c++, analysed.full());
                customer.setString(c++, phoneHash);
                for (int i = 0; i < 4; i++) {
                    customer.setTimestamp(c++, Timestamp.from(now));
                }
                customer.setString(c++, analysed.core());
                customer.setString(c++, analysed.trade());
                customer.setString(c++, analysed.region());
                customer.setBoolean(c++, analysed.branch());
                customer.setBoolean(c++, analysed.group());
                customer.setInt(c, CompanyNames.ANALYSIS_VERSION);
                customer.executeUpdate();
                for (String k : analysed.blockingKeys()) {
                    key.setLong(1, id);
                    key.setString(2, k);
                    key.addBatch();
                }
                key.executeBatch();
                seeded.add(new Duplicate(kind, original + 1L, id));
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("alter table customer alter column id restart with " + nextId);
            }
            connection.commit();
        }
        return seeded;
    }

    private static String duplicate(long since) {
        return duration(System.nanoTime() - since);
    }

    private static String duration(long nanos) {
        long seconds = Math.round(nanos / 1e9);
        return seconds >= 60 ? String.format("%dm %02ds", seconds / 60, seconds % 60) : String.format("%.1f s", nanos / 1e9);
    }

    private static String env(String variable, String fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void deleteH2(Path file) throws java.io.IOException {
        Path dir = file.getParent();
        if (!Files.isDirectory(dir)) {
            return;
        }
        String prefix = file.getFileName() + ".";
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                Files.delete(f);
            }
        }
    }
}
