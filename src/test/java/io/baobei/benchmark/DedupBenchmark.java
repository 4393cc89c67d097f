package io.baobei.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.baobei.BaobeiApplication;
import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;
import io.baobei.dedup.CompanyNames;
import io.baobei.dedup.CustomerDuplicateCheck;
import io.baobei.dedup.DedupProperties;
import io.baobei.dedup.DuplicateCandidate;
import io.baobei.dedup.DuplicateCheck;
import io.baobei.dedup.DuplicateCheckResult;
import io.baobei.dedup.MatchRules;
import io.baobei.dedup.Verdict;
import io.baobei.privacy.ContactCrypto;

/**
 * Latency of the duplicate check at 100k / 1M customers: a command, not a test (see docs/benchmarks.md).
 * <pre>
 * ./mvnw -q test-compile exec:java -Dexec.mainClass=io.baobei.benchmark.DedupBenchmark \
 *     -Dexec.args="--db=postgres --customers=1000000 --checks=10000"
 * </pre>
 * Options: {@code --db=postgres|h2}, {@code --customers}, {@code --checks}, {@code --warmup} (500),
 * {@code --email-share} (share of checks that carry an e-mail address, 0.3), {@code --seed} (1),
 * {@code --keep} (leave the database behind), {@code --reuse=<database>} (run the checks again on a database a run
 * with the same seed and size kept: the customers are generated again but not written), {@code --explain} (10: print
 * that many new companies that were not CLEAR, with what they matched). PostgreSQL is the server of the test suite:
 * BAOBEI_TEST_PG_URL (default jdbc:postgresql://127.0.0.1:5432/postgres), BAOBEI_TEST_PG_USER (postgres),
 * BAOBEI_TEST_PG_PASSWORD.
 * <p>
 * It creates a fresh database, starts the application on it (profile "bench": no demo data, no job
 * executor), bulk-loads synthetic customers, then times single checks through the real
 * {@link DuplicateCheck} bean, one after the other, as a registration or an import row does them.
 */
public final class DedupBenchmark {

    /**
     * What a check stands for: a colleague's customer typed again (a formatting variant or a typo), a new company
     * (a name whose trade name no customer has), a new name with the trade name of a customer (another company of
     * that brand, or a common word: SUSPECT may be right), or a new name with a customer's phone or credit code.
     */
    enum Kind { EXISTING_VARIANT, TYPO, NEW_COMPANY, NEW_NAME_KNOWN_TRADE, STRONG_KEY }

    /** @param target the id of the customer the check was made from, 0 for a new company */
    private record Check(Kind kind, String label, DuplicateCandidate candidate, long target) {
    }

    private record Options(String db, int customers, int checks, int warmup, double emailShare, long seed,
                           boolean keep, String reuse, int explain) {

        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String arg : args) {
                if (!arg.startsWith("--")) {
                    throw new IllegalArgumentException("unknown argument " + arg);
                }
                int eq = arg.indexOf('=');
                values.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
            }
            Options options = new Options(values.getOrDefault("db", "postgres").toLowerCase(Locale.ROOT),
                    Integer.parseInt(values.getOrDefault("customers", "100000")),
                    Integer.parseInt(values.getOrDefault("checks", "10000")),
                    Integer.parseInt(values.getOrDefault("warmup", "500")),
                    Double.parseDouble(values.getOrDefault("email-share", "0.3")),
                    Long.parseLong(values.getOrDefault("seed", "1")),
                    Boolean.parseBoolean(values.getOrDefault("keep", "false")),
                    values.get("reuse"),
                    Integer.parseInt(values.getOrDefault("explain", "10")));
            if (!List.of("postgres", "h2").contains(options.db())) {
                throw new IllegalArgumentException("--db must be postgres or h2");
            }
            return options;
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        long started = System.nanoTime();
        BenchDatabase database = options.db().equals("postgres") ? BenchDatabase.forPostgres(options.reuse())
                : BenchDatabase.forH2();
        if (options.reuse() == null) {
            database.create();
        }
        try {
            run(options, database);
        } finally {
            if (options.keep() || options.reuse() != null) {
                System.out.println("kept: " + database.url());
            } else {
                database.drop();
            }
        }
        System.out.printf("total run time %s%n", duration(System.nanoTime() - started));
    }

    private static void run(Options options, BenchDatabase database) throws Exception {
        long contextStart = System.nanoTime();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BaobeiApplication.class)
                // a servlet context, as in production (the security configuration needs one), but no port opened
                .web(WebApplicationType.SERVLET)
                .profiles("bench")
                // command-line arguments: they win over application.yml (builder properties would not)
                .run("--server.port=-1",
                        "--spring.datasource.url=" + database.url(),
                        "--spring.datasource.username=" + database.user(),
                        "--spring.datasource.password=" + database.password(),
                        "--camunda.bpm.job-execution.enabled=false")) {
            System.out.printf("application started in %s%n", duration(System.nanoTime() - contextStart));
            DataSource dataSource = context.getBean(DataSource.class);
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            boolean postgres = database.postgres();
            String version = jdbc.queryForObject(postgres ? "select version()" : "select h2version()", String.class);

            long loadStart = System.nanoTime();
            BulkLoader.Population population;
            if (options.reuse() == null) {
                population = new BulkLoader(options.seed()).load(dataSource, postgres, options.customers());
            } else {
                // a database a run with the same seed and size kept: its customers generated again, not written
                long stored = jdbc.queryForObject("select count(*) from customer", Long.class);
                if (stored != options.customers()) {
                    throw new IllegalArgumentException("--reuse: the database holds " + stored + " customers, not "
                            + options.customers());
                }
                population = new BulkLoader(options.seed()).regenerate(dataSource, options.customers());
            }
            long loaded = System.nanoTime();
            analyze(dataSource, postgres);
            long loadTime = System.nanoTime() - loadStart;
            long keyRows = jdbc.queryForObject("select count(*) from customer_name_key", Long.class);
            System.out.printf("loaded %,d customers and %,d key rows in %s (of which statistics %s); the loading"
                            + " thread spent %s writing and %s waiting for generated rows%n", population.size, keyRows,
                    duration(loadTime), duration(System.nanoTime() - loaded), duration(population.writeNanos),
                    duration(population.waitNanos));

            List<Check> checks = checks(population, options);
            DuplicateCheck duplicateCheck = context.getBean(DuplicateCheck.class);
            for (Check check : checks.subList(0, options.warmup())) {
                duplicateCheck.check(check.candidate());
            }
            List<Check> measured = checks.subList(options.warmup(), checks.size());
            Results results = new Results(measured.size());
            long checksStart = System.nanoTime();
            for (int i = 0; i < measured.size(); i++) {
                Check check = measured.get(i);
                long t0 = System.nanoTime();
                DuplicateCheckResult result = duplicateCheck.check(check.candidate());
                results.nanos[i] = System.nanoTime() - t0;
                results.verdicts[i] = result.verdict();
                results.found[i] = result.matches().stream().anyMatch(m -> m.customerId() == check.target());
            }
            long checksTime = System.nanoTime() - checksStart;

            report(options, database, version, population.size, keyRows, loadTime, measured, results, checksTime);
            breakdown(context, measured);
            explain(jdbc, measured, results, duplicateCheck, options.explain());
        }
    }

    /** Planner statistics, as autovacuum would have them after such a load (and the visibility map for index-only scans). */
    private static void analyze(DataSource dataSource, boolean postgres) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute(postgres ? "vacuum (analyze) customer, customer_name_key" : "analyze");
        }
    }

    // --- the workload ---

    /** Warm-up and measured checks, made before timing starts so generating them costs nothing measured. */
    private static List<Check> checks(BulkLoader.Population population, Options options) {
        SyntheticCompanies generator = new SyntheticCompanies();
        // split(): a stream of its own. A plain SplittableRandom(n) walks the points n + k·γ (one γ for every
        // instance), so a small seed here replayed the loader's chunk n (seeded seed·γ + n) one draw later: the
        // checks' "new" phones and e-mails were that chunk's customers' whenever the draws lined up (1 % CONFLICT
        // among new companies in the 2026-11-27 runs)
        SplittableRandom random = new SplittableRandom(options.seed()).split();
        int[] withCreditCode = population.withCreditCode();
        List<Check> checks = new ArrayList<>(options.warmup() + options.checks());
        // a new company: no customer has its trade name as the analyser reads it
        java.util.Set<String> trades = population.trades;
        for (int n = 0; n < options.warmup() + options.checks(); n++) {
            // 20 % variants, 20 % typos, 30 % new companies, 10 % new names of a known trade name, 20 % strong keys
            double kindDraw = random.nextDouble();
            Kind kind = kindDraw < 0.2 ? Kind.EXISTING_VARIANT : kindDraw < 0.4 ? Kind.TYPO
                    : kindDraw < 0.7 ? Kind.NEW_COMPANY : kindDraw < 0.8 ? Kind.NEW_NAME_KNOWN_TRADE : Kind.STRONG_KEY;
            // a registration always carries a phone (the form requires one); the e-mail is optional
            String phone = Long.toString(SyntheticCompanies.mobile(random));
            String creditCode = null;
            String name;
            String label;
            int target = -1;
            switch (kind) {
                case EXISTING_VARIANT -> {
                    target = random.nextInt(population.size);
                    SyntheticCompanies.Company existing = population.companies[target];
                    switch (random.nextInt(3)) {
                        case 0 -> {
                            name = SyntheticCompanies.regionMoved(existing);
                            label = "variant: region moved";
                        }
                        case 1 -> {
                            name = SyntheticCompanies.legalFormChanged(existing);
                            label = "variant: legal form";
                        }
                        default -> {
                            name = SyntheticCompanies.traditional(existing);
                            label = "variant: traditional";
                        }
                    }
                }
                case TYPO -> {
                    // 同音 and 形近 typos are what the issue measures; a random character is shown for comparison
                    double typoDraw = random.nextDouble();
                    SyntheticCompanies.Typo typo = typoDraw < 0.45 ? SyntheticCompanies.Typo.HOMOPHONE
                            : typoDraw < 0.9 ? SyntheticCompanies.Typo.SHAPE : SyntheticCompanies.Typo.RANDOM;
                    String typed;
                    do {
                        target = random.nextInt(population.size);
                        typed = generator.typo(population.companies[target], typo, random);
                    } while (typed == null);
                    name = typed;
                    label = "typo: " + typo.name().toLowerCase(Locale.ROOT);
                }
                case NEW_COMPANY -> {
                    SyntheticCompanies.Company company;
                    do {
                        company = generator.company(random);
                    } while (trades.contains(CompanyNames.analyze(company.name()).trade()));
                    name = company.name();
                    label = "new company";
                }
                case NEW_NAME_KNOWN_TRADE -> {
                    SyntheticCompanies.Company company;
                    do {
                        company = generator.company(random);
                    } while (!trades.contains(CompanyNames.analyze(company.name()).trade()));
                    name = company.name();
                    label = "new name, known trade name";
                }
                default -> {
                    name = generator.company(random).name();
                    if (random.nextBoolean() && withCreditCode.length > 0) {
                        target = withCreditCode[random.nextInt(withCreditCode.length)];
                        creditCode = population.creditCodes[target];
                        label = "strong: credit code";
                    } else {
                        do {
                            target = random.nextInt(population.size);
                        } while (population.phones[target] == 0);
                        phone = SyntheticCompanies.typedMobile(population.phones[target]);
                        label = "strong: phone";
                    }
                }
            }
            String email = random.nextDouble() < options.emailShare() ? SyntheticCompanies.email(random) : null;
            String requestedBy = "rep" + (1 + random.nextInt(500));
            checks.add(new Check(kind, label, new DuplicateCandidate(name, creditCode, phone, email, requestedBy),
                    target + 1));
        }
        return checks;
    }

    // --- output ---

    /** Per measured check: latency, verdict, and whether the customer it was made from is among the matches. */
    private static final class Results {
        final long[] nanos;
        final Verdict[] verdicts;
        final boolean[] found;

        Results(int n) {
            nanos = new long[n];
            verdicts = new Verdict[n];
            found = new boolean[n];
        }
    }

    private static void report(Options options, BenchDatabase database, String version, int customers, long keyRows,
                               long loadTime, List<Check> measured, Results results, long checksTime) {
        System.out.println();
        System.out.printf("database %s (%s)%n", database.postgres() ? "PostgreSQL" : "H2", version);
        System.out.printf("%,d checks in %s (%.0f checks/s, one at a time), after %d warm-up checks%n",
                measured.size(), duration(checksTime), measured.size() / (checksTime / 1e9), options.warmup());
        System.out.println();
        System.out.printf("%-24s %6s %7s %7s %7s %7s  %-20s %s%n", "latency (ms)", "n", "p50", "p95", "p99", "max",
                "CLEAR/SUSPECT/CONFL.", "original found");
        printLine("all", measured, results, c -> true);
        for (Kind kind : Kind.values()) {
            printLine(kind.name().toLowerCase(Locale.ROOT), measured, results, c -> c.kind() == kind);
        }
        measured.stream().map(Check::label).distinct().sorted().forEach(label ->
                printLine("  " + label, measured, results, c -> c.label().equals(label)));
        printLine("with e-mail", measured, results, c -> c.candidate().email() != null);
        printLine("without e-mail", measured, results, c -> c.candidate().email() == null);

        long[] sorted = results.nanos.clone();
        Arrays.sort(sorted);
        Map<Verdict, Integer> mix = new EnumMap<>(Verdict.class);
        for (Verdict v : results.verdicts) {
            mix.merge(v, 1, Integer::sum);
        }
        System.out.println();
        System.out.println("| db | customers | load | key rows | p50 ms | p95 ms | p99 ms | max ms | CLEAR / SUSPECT / CONFLICT |");
        System.out.printf("| %s | %,d | %s | %,d | %.1f | %.1f | %.1f | %.0f | %s |%n", database.postgres() ? "PostgreSQL" : "H2",
                customers, duration(loadTime), keyRows, ms(percentile(sorted, 0.50)), ms(percentile(sorted, 0.95)),
                ms(percentile(sorted, 0.99)), ms(sorted[sorted.length - 1]), verdictMix(mix, sorted.length));
    }

    private static void printLine(String title, List<Check> measured, Results results, Predicate<Check> filter) {
        List<Long> selected = new ArrayList<>();
        Map<Verdict, Integer> mix = new EnumMap<>(Verdict.class);
        int withTarget = 0;
        int found = 0;
        for (int i = 0; i < measured.size(); i++) {
            if (filter.test(measured.get(i))) {
                selected.add(results.nanos[i]);
                mix.merge(results.verdicts[i], 1, Integer::sum);
                if (measured.get(i).target() > 0) {
                    withTarget++;
                    found += results.found[i] ? 1 : 0;
                }
            }
        }
        if (selected.isEmpty()) {
            return;
        }
        long[] sorted = selected.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("%-24s %6d %7.1f %7.1f %7.1f %7.1f  %-20s %s%n", title, sorted.length,
                ms(percentile(sorted, 0.50)), ms(percentile(sorted, 0.95)), ms(percentile(sorted, 0.99)),
                ms(sorted[sorted.length - 1]), verdictMix(mix, sorted.length),
                withTarget == 0 ? "-" : String.format("%.1f%%", 100.0 * found / withTarget));
    }

    private static String verdictMix(Map<Verdict, Integer> mix, int total) {
        return Stream.of(Verdict.values()).map(v -> String.format("%.0f%%", 100.0 * mix.getOrDefault(v, 0) / total))
                .reduce((a, b) -> a + " / " + b).orElse("");
    }

    /**
     * Where the time of a check goes, for every tenth measured check, after timing so it does not disturb
     * it: the steps of CustomerDuplicateCheck replayed one by one through the same repository and query
     * (strong keys, name candidates, loading the candidates, the rules), each timed on its own; and what
     * the name query reads: key rows under the check's keys, distinct customers among them (a check loads
     * at most baobei.dedup.max-candidates, 200). Then the largest posting lists, which set that cost.
     */
    private static void breakdown(ConfigurableApplicationContext context, List<Check> measured) {
        NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(context.getBean(DataSource.class));
        CustomerRepository customers = context.getBean(CustomerRepository.class);
        MatchRules rules = context.getBean(MatchRules.class);
        TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        transaction.setReadOnly(true);
        CustomerDuplicateCheck check = context.getBean(CustomerDuplicateCheck.class);
        int maxCandidates = context.getBean(DedupProperties.class).maxCandidates();
        // the four steps of a check, then, for comparison only, the former way of steps 3 and 4: candidates
        // loaded as JPA entities (contact data decrypted) and each candidate's name analysed again
        String[] steps = {"strong-key query", "name query", "load candidates", "match rules",
                "(before) load as entities", "(before) rules, re-analysing"};
        List<List<Long>> stepNanos = Stream.of(steps).map(s -> (List<Long>) new ArrayList<Long>()).toList();
        long rows = 0;
        long distinct = 0;
        long loadedCandidates = 0;
        long capped = 0;
        long maxRows = 0;
        for (int i = 0; i < measured.size(); i += 10) {
            DuplicateCandidate candidate = measured.get(i).candidate();
            MatchRules.Profile profile = MatchRules.Profile.of(candidate.companyName(), candidate.creditCode(),
                    candidate.phone(), candidate.email());
            Map<String, Object> keys = Map.of("keys", profile.name().blockingKeys());
            transaction.executeWithoutResult(status -> {
                long t0 = System.nanoTime();
                Set<Long> ids = new LinkedHashSet<>(check.strongKeyIds(profile));
                long t1 = System.nanoTime();
                CustomerDuplicateCheck.NameCandidates byName = check.nameCandidates(profile.name());
                ids.addAll(byName.ids());
                long t2 = System.nanoTime();
                List<CustomerDuplicateCheck.StoredCustomer> loaded = check.load(ids);
                long t3 = System.nanoTime();
                MatchRules.Profile hashed = profile.blindIndexed(ContactCrypto.get()::blindIndex);
                for (CustomerDuplicateCheck.StoredCustomer customer : loaded) {
                    check.evaluate(hashed, customer, byName);
                }
                long t4 = System.nanoTime();
                List<Customer> entities = customers.findAllById(ids);
                long t5 = System.nanoTime();
                for (Customer customer : entities) {
                    rules.evaluate(profile, MatchRules.Profile.of(customer.getCompanyName(), customer.getCreditCode(),
                            customer.getPhone(), customer.getEmail()));
                }
                long t6 = System.nanoTime();
                long[] marks = {t0, t1, t2, t3, t4, t5, t6};
                for (int step = 0; step < steps.length; step++) {
                    stepNanos.get(step).add(marks[step + 1] - marks[step]);
                }
            });
            Map<String, Object> counts = named.queryForMap("select count(*) as key_rows, count(distinct customer_id)"
                    + " as customers from customer_name_key where name_key in (:keys)", keys);
            long r = ((Number) counts.get("key_rows")).longValue();
            long d = ((Number) counts.get("customers")).longValue();
            rows += r;
            distinct += d;
            loadedCandidates += Math.min(d, maxCandidates);
            capped += d > maxCandidates ? 1 : 0;
            maxRows = Math.max(maxRows, r);
        }
        int samples = stepNanos.get(0).size();
        System.out.println();
        System.out.printf("steps of a check, replayed for %d sampled checks (ms):%n", samples);
        for (int step = 0; step < steps.length; step++) {
            long[] sorted = stepNanos.get(step).stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("  %-29s p50 %6.2f  p95 %6.2f  p99 %6.2f  mean %6.2f%n", steps[step],
                    ms(percentile(sorted, 0.50)), ms(percentile(sorted, 0.95)), ms(percentile(sorted, 0.99)),
                    ms((long) Arrays.stream(sorted).average().orElse(0)));
        }
        System.out.printf("name query: %.0f key rows read on average (max %,d), %.0f distinct customers, %.0f loaded"
                        + " as candidates (%.0f%% of checks hit the cap of %d)%n", (double) rows / samples, maxRows,
                (double) distinct / samples, (double) loadedCandidates / samples, 100.0 * capped / samples,
                maxCandidates);
        List<String> top = new ArrayList<>();
        named.getJdbcTemplate().query(
                "select name_key, count(*) as n from customer_name_key group by name_key order by n desc limit 8",
                rs -> {
                    top.add(rs.getString(1) + " " + String.format("%,d", rs.getLong(2)));
                });
        System.out.println("largest posting lists: " + top);
    }

    /**
     * Why new companies were not CLEAR: the first {@code limit} of them with the customers they matched and the
     * rules that fired, so a false alarm can be traced to its rule (or to the generator).
     */
    private static void explain(JdbcTemplate jdbc, List<Check> measured, Results results, DuplicateCheck duplicateCheck,
                                int limit) {
        if (limit <= 0) {
            return;
        }
        System.out.println();
        System.out.printf("new companies not CLEAR (at most %d):%n", limit);
        int shown = 0;
        for (int i = 0; i < measured.size() && shown < limit; i++) {
            Check check = measured.get(i);
            if (check.kind() != Kind.NEW_COMPANY || results.verdicts[i] == Verdict.CLEAR) {
                continue;
            }
            shown++;
            DuplicateCandidate candidate = check.candidate();
            System.out.printf("  %s %s (%s)%s%n", results.verdicts[i], candidate.companyName(),
                    CompanyNames.analyze(candidate.companyName()), candidate.email() == null ? "" : " with e-mail");
            duplicateCheck.check(candidate).matches().stream().limit(5).forEach(match -> System.out.printf(
                    "      %s %.2f %s %s%n", match.status(), match.score(), match.reasons(),
                    jdbc.queryForObject("select company_name from customer where id = ?", String.class,
                            match.customerId())));
        }
    }

    private static long percentile(long[] sorted, double q) {
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static String duration(long nanos) {
        long seconds = Math.round(nanos / 1e9);
        return seconds >= 60 ? String.format("%dm %02ds", seconds / 60, seconds % 60) : String.format("%.1f s", nanos / 1e9);
    }

    /** A database made for one run: a new PostgreSQL database on the local server, or an H2 file under target/bench. */
    private record BenchDatabase(boolean postgres, String url, String user, String password, String serverUrl,
                                 String name) {

        /** @param reuse the name of a database a run kept ({@code --keep}), or null for a new one */
        static BenchDatabase forPostgres(String reuse) {
            String server = env("BAOBEI_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
            String name = reuse != null ? reuse
                    : "baobei_bench_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
            int slash = server.lastIndexOf('/');
            int query = server.indexOf('?', slash);
            String url = server.substring(0, slash + 1) + name + (query < 0 ? "" : server.substring(query));
            return new BenchDatabase(true, url, env("BAOBEI_TEST_PG_USER", "postgres"),
                    env("BAOBEI_TEST_PG_PASSWORD", ""), server, name);
        }

        static BenchDatabase forH2() {
            Path file = Path.of("target", "bench", "baobei-bench").toAbsolutePath();
            return new BenchDatabase(false, "jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "", null,
                    file.toString());
        }

        void create() throws SQLException, IOException {
            if (postgres) {
                try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
                     Statement statement = connection.createStatement()) {
                    statement.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
                }
                System.out.println("created database " + name);
            } else {
                deleteH2Files();
                Files.createDirectories(Path.of(name).getParent());
            }
        }

        void drop() throws SQLException, IOException {
            if (postgres) {
                try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
                     Statement statement = connection.createStatement()) {
                    statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                }
                System.out.println("dropped database " + name);
            } else {
                deleteH2Files();
            }
        }

        private void deleteH2Files() throws IOException {
            Path dir = Path.of(name).getParent();
            if (!Files.isDirectory(dir)) {
                return;
            }
            String prefix = Path.of(name).getFileName().toString() + ".";
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                    Files.delete(f);
                }
            }
        }

        private static String env(String variable, String fallback) {
            String value = System.getenv(variable);
            return value == null || value.isBlank() ? fallback : value;
        }
    }
}
