package io.baobei.importing;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One uploaded import file: its state, progress and counts. The rows' outcomes are CustomerImportRow. */
@Entity
@Table(name = "customer_import")
public class CustomerImport {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false)
    private String fileName;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ImportState state;
    private int totalRows;
    private int processedRows;
    private int created;
    private int duplicates;
    private int suspected;
    private int invalid;
    private String error;
    @Column(nullable = false)
    private String createdBy;
    @Column(nullable = false)
    private Instant createdAt;
    private Instant finishedAt;

    protected CustomerImport() {
    }

    CustomerImport(String fileName, int totalRows, String createdBy, Instant now) {
        this.fileName = fileName;
        this.totalRows = totalRows;
        this.createdBy = createdBy;
        this.createdAt = now;
        this.state = ImportState.RUNNING;
    }

    void count(ImportOutcome outcome) {
        processedRows++;
        switch (outcome) {
            case CREATED -> created++;
            case SUSPECTED -> {
                created++;
                suspected++;
            }
            case DUPLICATE -> duplicates++;
            case INVALID -> invalid++;
        }
    }

    void finish(Instant now) {
        state = ImportState.DONE;
        finishedAt = now;
    }

    void fail(String message, Instant now) {
        state = ImportState.FAILED;
        error = message == null ? "unknown error" : message.substring(0, Math.min(1000, message.length()));
        finishedAt = now;
    }

    public Long getId() { return id; }
    public String getFileName() { return fileName; }
    public ImportState getState() { return state; }
    public int getTotalRows() { return totalRows; }
    public int getProcessedRows() { return processedRows; }
    public int getCreated() { return created; }
    public int getDuplicates() { return duplicates; }
    public int getSuspected() { return suspected; }
    public int getInvalid() { return invalid; }
    public String getError() { return error; }
    public String getCreatedBy() { return createdBy; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getFinishedAt() { return finishedAt; }
}
