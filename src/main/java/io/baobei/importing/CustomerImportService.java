package io.baobei.importing;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.baobei.audit.AuditLog;
import io.baobei.common.FieldError;
import io.baobei.common.InvalidInputException;
import io.baobei.common.NotFoundException;
import io.baobei.common.TextRules;
import io.baobei.customer.Customer;
import io.baobei.customer.CustomerFields;
import io.baobei.customer.Grade;
import io.baobei.customer.Industry;
import io.baobei.customer.OwnershipService;
import io.baobei.dedup.DuplicateCandidate;
import io.baobei.dedup.DuplicateCheck;
import io.baobei.dedup.DuplicateCheckResult;
import io.baobei.dedup.DuplicateMatch;
import io.baobei.dedup.MatchRules;
import io.baobei.identity.Actor;
import io.baobei.identity.Role;
import io.baobei.identity.UserDirectory;

/**
 * Imports customers from CSV or XLSX. Every row is validated and checked like a registration, against
 * existing customers and the earlier rows of the same file: strong evidence of an existing customer
 * means DUPLICATE (not created), a similar name means SUSPECTED (created, listed). Each row commits on
 * its own, so a re-run of the same file creates nothing twice and an interrupted import keeps its rows.
 */
@Service
public class CustomerImportService {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerImportService.class);

    private final CustomerImportRepository imports;
    private final CustomerImportRowRepository rows;
    private final DuplicateCheck duplicateCheck;
    private final OwnershipService ownership;
    private final UserDirectory directory;
    private final AuditLog auditLog;
    private final TransactionTemplate newTransaction;
    private final Clock clock;
    private final int syncMaxRows;
    /** one import at a time per node: imports are bulk work, registrations must stay fast */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "baobei-import"));

    public CustomerImportService(CustomerImportRepository imports, CustomerImportRowRepository rows,
                                 DuplicateCheck duplicateCheck, OwnershipService ownership,
                                 UserDirectory directory, AuditLog auditLog,
                                 PlatformTransactionManager transactionManager, Clock clock,
                                 @Value("${baobei.import.sync-max-rows:2000}") int syncMaxRows) {
        this.imports = imports;
        this.rows = rows;
        this.duplicateCheck = duplicateCheck;
        this.ownership = ownership;
        this.directory = directory;
        this.auditLog = auditLog;
        this.newTransaction = new TransactionTemplate(transactionManager);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.syncMaxRows = syncMaxRows;
    }

    /** Started import: whether it already finished (small files) or runs in the background. */
    public record Started(Long id, boolean finished) {
    }

    /**
     * Imports {@code file} (a temporary copy this service owns and deletes). Files of at most
     * {@code baobei.import.sync-max-rows} rows are imported before returning, unless {@code async}.
     */
    public Started start(Path file, String fileName, Charset charset, boolean async, Actor actor) throws IOException {
        int total;
        try {
            total = ImportFiles.read(file, charset, row -> { });
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        CustomerImport started = newTransaction.execute(s -> {
            CustomerImport saved = imports.save(new CustomerImport(fileName, total, actor.username(), Instant.now(clock)));
            auditLog.recordAs(actor.username(), "IMPORT_STARTED", "IMPORT", saved.getId(), null,
                    "file=" + fileName + ";rows=" + total, null);
            return saved;
        });
        if (!async && total <= syncMaxRows) {
            run(started.getId(), file, charset, actor.username());
            return new Started(started.getId(), true);
        }
        worker.submit(() -> run(started.getId(), file, charset, actor.username()));
        return new Started(started.getId(), false);
    }

    private void run(Long importId, Path file, Charset charset, String actor) {
        try {
            ImportFiles.read(file, charset, row -> {
                try {
                    newTransaction.executeWithoutResult(s -> importRow(importId, row, actor));
                } catch (RuntimeException e) {
                    // one bad row must not stop the file: report it and go on
                    LOG.warn("Import {} row {} failed", importId, row.number(), e);
                    newTransaction.executeWithoutResult(s -> {
                        CustomerImportRow failed = new CustomerImportRow(importId, row.number(), ImportOutcome.INVALID,
                                row.get("companyName"), null, null, null, "处理失败，请重试（详情见服务器日志）");
                        rows.save(failed);
                        imports.findById(importId).orElseThrow().count(ImportOutcome.INVALID);
                    });
                }
            });
            newTransaction.executeWithoutResult(s -> {
                CustomerImport done = imports.findById(importId).orElseThrow();
                done.finish(Instant.now(clock));
                auditLog.recordAs(actor, "IMPORT_FINISHED", "IMPORT", importId, null, "created=" + done.getCreated()
                        + ";duplicates=" + done.getDuplicates() + ";suspected=" + done.getSuspected()
                        + ";invalid=" + done.getInvalid(), null);
            });
        } catch (IOException | RuntimeException e) {
            LOG.error("Import {} failed", importId, e);
            // the user sees a Chinese reason; exception texts (class names, SQL) stay in the log
            String reason = e instanceof InvalidInputException invalid ? invalid.getMessage() : "导入中断，请重试（详情见服务器日志）";
            newTransaction.executeWithoutResult(s -> imports.findById(importId).orElseThrow().fail(reason, Instant.now(clock)));
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("Could not delete import file {}", file, e);
            }
        }
    }

    private void importRow(Long importId, ImportFiles.Row row, String actor) {
        CustomerImport current = imports.findById(importId).orElseThrow();
        CustomerImportRow result = evaluate(importId, row, actor);
        rows.save(result);
        current.count(result.getOutcome());
    }

    private CustomerImportRow evaluate(Long importId, ImportFiles.Row row, String actor) {
        String name = row.get("companyName");
        List<String> problems = new ArrayList<>();
        List<String> withControls = ImportFiles.COLUMNS.stream()
                .filter(column -> TextRules.hasControlCharacters(row.get(column))).toList();
        if (!withControls.isEmpty()) {
            // refused before anything is looked up or stored with them
            return new CustomerImportRow(importId, row.number(), ImportOutcome.INVALID, name, null, null, null,
                    "包含不可见的控制字符：" + String.join("、", withControls));
        }
        // the same rules as a registration (CustomerFields) and the same messages; only the company name is needed
        List<FieldError> errors = new ArrayList<>();
        String companyName = CustomerFields.COMPANY_NAME.read(name, true, errors);
        String creditCode = CustomerFields.CREDIT_CODE.read(row.get("creditCode"), false, errors);
        String contactName = CustomerFields.CONTACT_NAME.read(row.get("contactName"), false, errors);
        String phone = CustomerFields.PHONE.read(row.get("phone"), false, errors);
        String email = CustomerFields.EMAIL.read(row.get("email"), false, errors);
        Industry industry = CustomerFields.INDUSTRY.read(row.get("industry"), false, errors);
        String region = CustomerFields.REGION.read(row.get("region"), false, errors);
        Grade grade = CustomerFields.GRADE.read(row.get("grade"), false, errors);
        errors.forEach(error -> problems.add(error.message()));
        String owner = row.get("owner");
        Actor ownerActor = null;
        if (owner != null) {
            // a longer value is no Camunda user id (64 characters): no need to ask the identity service
            ownerActor = owner.length() <= 64 && directory.exists(owner) ? directory.actor(owner) : null;
            if (ownerActor == null || ownerActor.role() != Role.REP || ownerActor.team() == null) {
                problems.add("归属销售 " + owner + " 不存在或不是某个团队的销售");
            }
        }
        if (!problems.isEmpty()) {
            return new CustomerImportRow(importId, row.number(), ImportOutcome.INVALID, name, null, null, null,
                    String.join("；", problems));
        }

        DuplicateCheckResult check = duplicateCheck.check(new DuplicateCandidate(companyName, creditCode, phone, email, owner));
        Optional<DuplicateMatch> strong = check.matches().stream()
                .filter(m -> m.reasons().stream().anyMatch(MatchRules.STRONG::contains)).findFirst();
        if (strong.isPresent()) {
            return new CustomerImportRow(importId, row.number(), ImportOutcome.DUPLICATE, name, null,
                    strong.get().customerId(), reasons(strong.get()), "与客户 #" + strong.get().customerId() + " 重复，未创建");
        }
        Instant now = Instant.now(clock);
        // an empty industry is 其他, an empty grade C: an import's rows are often incomplete
        Industry industryOrOther = industry == null ? Industry.OTHER : industry;
        Grade gradeOrC = grade == null ? Grade.C : grade;
        Customer customer = new Customer(companyName, gradeOrC, now);
        customer.updateDetails(companyName, creditCode, contactName, phone, email,
                industryOrOther.name(), region, gradeOrC);
        customer = ownership.importCustomer(customer,
                ownerActor == null ? null : new OwnershipService.ImportedOwner(owner, ownerActor.team()),
                ownerActor == null ? "导入到公海池" : "导入，归属 " + owner, actor);
        if (check.matches().isEmpty()) {
            return new CustomerImportRow(importId, row.number(), ImportOutcome.CREATED, name, customer.getId(), null, null, null);
        }
        DuplicateMatch similar = check.matches().get(0);
        return new CustomerImportRow(importId, row.number(), ImportOutcome.SUSPECTED, name, customer.getId(),
                similar.customerId(), reasons(similar), "已创建；疑似与客户 #" + similar.customerId() + " 重复");
    }

    private static String reasons(DuplicateMatch match) {
        return match.reasons().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    public CustomerImport find(Long id) {
        return imports.findById(id).orElseThrow(() -> new NotFoundException("导入", id));
    }

    /** Hands every row of an import to {@code consumer} in order, streaming from the database. */
    public void forEachRow(Long importId, Consumer<CustomerImportRow> consumer) {
        TransactionTemplate readOnly = new TransactionTemplate(newTransaction.getTransactionManager());
        readOnly.setReadOnly(true);
        readOnly.executeWithoutResult(s -> {
            try (Stream<CustomerImportRow> stream = rows.streamByImportIdOrderByRowNumber(importId)) {
                stream.forEach(consumer);
            }
        });
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
