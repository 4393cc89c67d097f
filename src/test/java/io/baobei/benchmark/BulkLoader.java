package io.baobei.benchmark;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import io.baobei.dedup.CompanyName;
import io.baobei.dedup.CompanyNames;
import io.baobei.privacy.ContactCrypto;

/**
 * Loads synthetic customers and their blocking keys straight into {@code customer} and
 * {@code customer_name_key}, around JPA: one entity per row would take hours at a million rows.
 * <p>
 * Generating a row costs a name analysis (ICU transliteration, regular expressions), so worker threads
 * generate and analyse chunks while the loading thread writes the previous ones: PostgreSQL through
 * COPY (the fastest path into a table with its indexes), H2 through JDBC batches. The loading thread
 * takes chunks in order, so a seed gives the same data on both databases.
 */
final class BulkLoader {

    private static final int CHUNK = 5_000;
    /** rows per COPY / batch and transaction */
    private static final int FLUSH = 20_000;
    private static final Instant NOW = Instant.parse("2025-11-01T02:00:00Z");

    /** What the benchmark keeps of each loaded customer (index = id − 1), to write its duplicates later. */
    static final class Population {
        final SyntheticCompanies.Company[] companies;
        final long[] phones;
        final String[] creditCodes;
        final String[] emails;
        /** the trade names as the analyser reads them (not as generated: 金华贸 is read 金华), for new companies */
        final java.util.Set<String> trades = new java.util.HashSet<>();
        int size;
        /** loading-thread time spent writing to the database, and waiting for generated rows */
        long writeNanos;
        long waitNanos;

        Population(int capacity) {
            companies = new SyntheticCompanies.Company[capacity];
            phones = new long[capacity];
            creditCodes = new String[capacity];
            emails = new String[capacity];
        }

        /** Indexes of the customers that have a credit code. */
        int[] withCreditCode() {
            int[] indexes = new int[size];
            int n = 0;
            for (int i = 0; i < size; i++) {
                if (creditCodes[i] != null) {
                    indexes[n++] = i;
                }
            }
            return Arrays.copyOf(indexes, n);
        }
    }

    /**
     * One generated customer, analysed, not yet known to be unique. Contact data is stored as the
     * application stores it: encrypted, with blind indexes of phone and email (privacy.ContactCrypto).
     */
    private record Row(SyntheticCompanies.Company company, String name, CompanyName analysed, Set<String> keys,
                       String creditCode, long phone, String email, Contact stored, char grade, String status,
                       String owner, String team, Instant createdAt, Instant protectedSince) {
    }

    /** The contact columns as written: ciphertexts and blind indexes. */
    private record Contact(String contactName, String phone, String email, String phoneHash, String emailHash) {

        static Contact of(String contactName, long phone, String email) {
            ContactCrypto crypto = ContactCrypto.get();
            String phoneText = phone == 0 ? null : Long.toString(phone);
            return new Contact(crypto.encrypt(contactName), crypto.encrypt(phoneText), crypto.encrypt(email),
                    crypto.blindIndex(phoneText), crypto.blindIndex(email));
        }
    }

    private final SyntheticCompanies generator = new SyntheticCompanies();
    private final long seed;

    BulkLoader(long seed) {
        this.seed = seed;
    }

    /** Loads {@code count} customers with ids 1..count into an empty database. */
    Population load(DataSource dataSource, boolean postgres, int count) throws SQLException, InterruptedException {
        return load(dataSource, postgres, count, false);
    }

    /**
     * What {@link #load} would have loaded into a database that a run with the same seed left behind
     * ({@code --keep}): the same rows generated again, nothing written.
     */
    Population regenerate(DataSource dataSource, int count) throws SQLException, InterruptedException {
        return load(dataSource, false, count, true);
    }

    private Population load(DataSource dataSource, boolean postgres, int count, boolean dryRun)
            throws SQLException, InterruptedException {
        Population population = new Population(count);
        Set<String> names = new HashSet<>(count * 2);
        Set<String> creditCodes = new HashSet<>(count);
        int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread thread = new Thread(r, "bench-generator");
            thread.setDaemon(true);
            return thread;
        });
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            Sink sink = dryRun ? new NoSink() : postgres ? new CopySink(connection) : new BatchSink(connection);
            ArrayDeque<Future<List<Row>>> inFlight = new ArrayDeque<>();
            long nextChunk = 0;
            while (population.size < count) {
                // keep a few chunks ahead of the writer so the workers never wait for the database
                while (inFlight.size() < 2 * workers) {
                    long chunk = nextChunk++;
                    inFlight.add(pool.submit(() -> generate(chunk)));
                }
                long waitStart = System.nanoTime();
                List<Row> rows = take(inFlight.poll());
                population.waitNanos += System.nanoTime() - waitStart;
                for (Row row : rows) {
                    if (population.size == count) {
                        break;
                    }
                    if (!names.add(row.analysed().full())) {
                        continue; // the same company twice: the customer table allows it once
                    }
                    String creditCode = row.creditCode() != null && creditCodes.add(row.creditCode()) ? row.creditCode() : null;
                    int index = population.size++;
                    population.companies[index] = row.company();
                    population.phones[index] = row.phone();
                    population.creditCodes[index] = creditCode;
                    population.emails[index] = row.email();
                    population.trades.add(row.analysed().trade());
                    sink.add(index + 1L, row, creditCode);
                }
                if (sink.pending() >= FLUSH) {
                    long writeStart = System.nanoTime();
                    sink.flush();
                    connection.commit();
                    population.writeNanos += System.nanoTime() - writeStart;
                }
            }
            long writeStart = System.nanoTime();
            sink.flush();
            connection.commit();
            population.writeNanos += System.nanoTime() - writeStart;
            if (dryRun) {
                return population;
            }
            try (Statement statement = connection.createStatement()) {
                // the rows came with explicit ids: later inserts through JPA must not collide with them
                statement.execute("alter table customer alter column id restart with " + (count + 1L));
            }
            connection.commit();
        } finally {
            pool.shutdownNow();
        }
        return population;
    }

    private static List<Row> take(Future<List<Row>> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("generating customers failed", e.getCause());
        }
    }

    private List<Row> generate(long chunk) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + chunk);
        List<Row> rows = new ArrayList<>(CHUNK);
        for (int i = 0; i < CHUNK; i++) {
            SyntheticCompanies.Company company = generator.company(random);
            String name = company.name();
            CompanyName analysed = CompanyNames.analyze(name);
            String creditCode = random.nextDouble() < 0.30
                    ? SyntheticCompanies.creditCode(company.divisionCode(), random) : null;
            long phone = random.nextDouble() < 0.90 ? SyntheticCompanies.mobile(random) : 0;
            String email = random.nextDouble() < 0.40 ? SyntheticCompanies.email(random) : null;
            char grade = "ABCD".charAt(random.nextInt(4));
            Instant createdAt = NOW.minusSeconds(random.nextLong(3L * 365 * 24 * 3600));
            double statusDraw = random.nextDouble();
            String status = statusDraw < 0.55 ? "POOL" : statusDraw < 0.90 ? "PROTECTED" : "CONVERTED";
            String owner = null;
            String team = null;
            Instant protectedSince = null;
            if (!status.equals("POOL")) {
                int rep = 1 + random.nextInt(500);
                owner = "rep" + rep;
                team = "team" + ((rep - 1) / 10 + 1);
                protectedSince = NOW.minusSeconds(random.nextLong(80L * 24 * 3600));
            }
            Contact stored = Contact.of(SyntheticCompanies.contactName(random), phone, email);
            rows.add(new Row(company, name, analysed, analysed.blockingKeys(), creditCode, phone, email, stored,
                    grade, status, owner, team, createdAt, protectedSince));
        }
        return rows;
    }

    /** Where rows go: buffered, written by {@link #flush()} in the caller's transaction. */
    private interface Sink {
        void add(long id, Row row, String creditCode) throws SQLException;

        int pending();

        void flush() throws SQLException;
    }

    /** PostgreSQL: COPY FROM STDIN in text format, customers first so the keys' foreign key finds them. */
    /** For {@link #regenerate}: the rows are in the database already. */
    private static final class NoSink implements Sink {
        @Override
        public void add(long id, Row row, String creditCode) {
        }

        @Override
        public int pending() {
            return 0;
        }

        @Override
        public void flush() {
        }
    }

    private static final class CopySink implements Sink {

        private final CopyManager copy;
        private final StringBuilder customers = new StringBuilder();
        private final StringBuilder keys = new StringBuilder();
        private int pending;

        CopySink(Connection connection) throws SQLException {
            this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
        }

        @Override
        public void add(long id, Row row, String creditCode) {
            Instant until = row.protectedSince() == null || row.status().equals("CONVERTED") ? null
                    : row.protectedSince().plus(Duration.ofDays(90));
            Instant followUp = until == null ? null : row.protectedSince().plus(Duration.ofDays(14));
            Contact stored = row.stored();
            CompanyName name = row.analysed();
            Object[] values = {id, row.name(), name.full(), creditCode, stored.contactName(), stored.phone(),
                    stored.email(), stored.phoneHash(), stored.emailHash(), row.company().industryCode(),
                    row.company().regionText(), row.grade(), row.status(), row.owner(), row.team(),
                    row.protectedSince(), until, followUp, row.createdAt(), row.createdAt(), 0,
                    name.core(), name.trade(), name.region(), name.branch(), name.group(),
                    CompanyNames.ANALYSIS_VERSION};
            for (int i = 0; i < values.length; i++) {
                // generated values and base64 ciphertexts never contain tabs, newlines or backslashes: no escaping
                customers.append(i == 0 ? "" : "\t").append(values[i] == null ? "\\N" : values[i].toString());
            }
            customers.append('\n');
            for (String key : row.keys()) {
                keys.append(id).append('\t').append(key).append('\n');
            }
            pending++;
        }

        @Override
        public int pending() {
            return pending;
        }

        @Override
        public void flush() throws SQLException {
            if (pending == 0) {
                return;
            }
            try {
                copy.copyIn("copy customer (id, company_name, normalized_name, credit_code, contact_name, phone, email,"
                        + " phone_hash, email_hash, industry, region, grade, status, owner, owner_team, protected_since, protected_until,"
                        + " next_follow_up_due, created_at, updated_at, version, name_core, name_trade, name_region,"
                        + " name_branch, name_group, name_version) from stdin",
                        new StringReader(customers.toString()));
                copy.copyIn("copy customer_name_key (customer_id, name_key) from stdin", new StringReader(keys.toString()));
            } catch (java.io.IOException e) {
                throw new SQLException(e);
            }
            customers.setLength(0);
            keys.setLength(0);
            pending = 0;
        }
    }

    /** H2 (and any other JDBC database): prepared-statement batches. */
    private static final class BatchSink implements Sink {

        private final PreparedStatement customers;
        private final PreparedStatement keys;
        private int pending;

        BatchSink(Connection connection) throws SQLException {
            customers = connection.prepareStatement("insert into customer (id, company_name, normalized_name,"
                    + " credit_code, contact_name, phone, email, phone_hash, email_hash, industry, region, grade, status,"
                    + " owner, owner_team, protected_since, protected_until, next_follow_up_due, created_at, updated_at,"
                    + " version, name_core, name_trade, name_region, name_branch, name_group, name_version)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)");
            keys = connection.prepareStatement("insert into customer_name_key (customer_id, name_key) values (?, ?)");
        }

        @Override
        public void add(long id, Row row, String creditCode) throws SQLException {
            Instant until = row.protectedSince() == null || row.status().equals("CONVERTED") ? null
                    : row.protectedSince().plus(Duration.ofDays(90));
            Instant followUp = until == null ? null : row.protectedSince().plus(Duration.ofDays(14));
            Contact stored = row.stored();
            int c = 1;
            customers.setLong(c++, id);
            customers.setString(c++, row.name());
            customers.setString(c++, row.analysed().full());
            customers.setString(c++, creditCode);
            customers.setString(c++, stored.contactName());
            customers.setString(c++, stored.phone());
            customers.setString(c++, stored.email());
            customers.setString(c++, stored.phoneHash());
            customers.setString(c++, stored.emailHash());
            customers.setString(c++, row.company().industryCode());
            customers.setString(c++, row.company().regionText());
            customers.setString(c++, String.valueOf(row.grade()));
            customers.setString(c++, row.status());
            customers.setString(c++, row.owner());
            customers.setString(c++, row.team());
            customers.setTimestamp(c++, timestamp(row.protectedSince()));
            customers.setTimestamp(c++, timestamp(until));
            customers.setTimestamp(c++, timestamp(followUp));
            customers.setTimestamp(c++, timestamp(row.createdAt()));
            customers.setTimestamp(c++, timestamp(row.createdAt()));
            // the analysed name, as Customer.reindexName stores it
            CompanyName name = row.analysed();
            customers.setString(c++, name.core());
            customers.setString(c++, name.trade());
            customers.setString(c++, name.region());
            customers.setBoolean(c++, name.branch());
            customers.setBoolean(c++, name.group());
            customers.setInt(c, CompanyNames.ANALYSIS_VERSION);
            customers.addBatch();
            for (String key : row.keys()) {
                keys.setLong(1, id);
                keys.setString(2, key);
                keys.addBatch();
            }
            pending++;
        }

        private static Timestamp timestamp(Instant instant) {
            return instant == null ? null : Timestamp.from(instant);
        }

        @Override
        public int pending() {
            return pending;
        }

        @Override
        public void flush() throws SQLException {
            if (pending == 0) {
                return;
            }
            customers.executeBatch();
            keys.executeBatch();
            pending = 0;
        }
    }
}
